using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Hosting;
using Orchestrator.Simulator.Hosting;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator demo</c>: a simulated cluster in this process, shown, then stopped.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Start a simulated Cassandra-on-Kubernetes region in this process and show it.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = Path.Combine(Path.GetTempPath(), "orchestrator-demo-" + Guid.NewGuid().ToString("N")[..8]);
            using var host = CliHost.Build(LogLevel.Warning);
            try
            {
                await using var simulation = await Simulation.StartAsync(
                    new SimulatorOptions { Directory = directory, Regions = 1, PodsPerDatacenter = 3, PodRestartTime = TimeSpan.FromMilliseconds(300) },
                    host.Services.GetRequiredService<ILoggerFactory>(),
                    host.Services.GetRequiredService<TimeProvider>(),
                    cancellationToken);
                foreach (var line in simulation.Describe())
                {
                    await Console.Out.WriteLineAsync(line);
                }

                return ExitCodes.Success;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Interrupted;
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        });
        return command;
    }
}
