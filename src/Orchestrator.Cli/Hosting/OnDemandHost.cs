using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// The command's host, built the first time something asks for a logger: <c>status</c>, <c>list</c> and
/// <c>history</c> never log, and building the host (dependency injection, configuration, the console logger) was
/// about a fifth of their run as whole processes.
/// </summary>
internal sealed class OnDemandHost(LogLevel minimumLevel) : IDisposable
{
    private readonly Lazy<IHost> _host = new(() => CliHost.Build(minimumLevel), LazyThreadSafetyMode.ExecutionAndPublication);

    public ILoggerFactory Loggers => _host.Value.Services.GetRequiredService<ILoggerFactory>();

    public void Dispose()
    {
        if (_host.IsValueCreated)
        {
            _host.Value.Dispose();
        }
    }
}
