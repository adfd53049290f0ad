using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// The host each command runs in: configuration, dependency injection, and logging that goes to stderr so that
/// stdout carries only results.
/// </summary>
internal static class CliHost
{
    public static IHost Build(LogLevel minimumLevel, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
            console.UseUtcTimestamp = true;
            console.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton(TimeProvider.System);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
