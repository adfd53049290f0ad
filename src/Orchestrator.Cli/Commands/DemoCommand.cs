using System.CommandLine;
using Orchestrator.Simulator.Hosting;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator demo</c>: a simulated region (3 pods, fast restarts) in this process, and a whole rotation of its
/// CA against it, step by step, with the state in a temporary file.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var state = CommonOptions.State();
        state.Description = "State file for the demo's rotation, to look at with status and history afterwards (default: a temporary file, deleted at the end).";
        var command = new Command("demo", "Rotate the CA of a simulated cluster started in this process, showing each step; nothing outside a temporary directory (and --state, if given) is touched.") { state };
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            var directory = Path.Combine(Path.GetTempPath(), "orchestrator-demo-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var options = new SimulatorOptions { Directory = directory, Regions = 1, PodsPerDatacenter = 3, PodRestartTime = TimeSpan.FromMilliseconds(300) };
                await using var simulation = await Simulation.StartAsync(options, services.Loggers, services.Time, cancellationToken);
                await services.Output.WriteLineAsync($"Simulated {simulation.Regions.Count} region with {options.PodsPerDatacenter} Cassandra pods at {simulation.Regions[0].Server} (state and files in {directory})");
                foreach (var line in simulation.Describe())
                {
                    await services.Output.WriteLineAsync("  " + line);
                }

                await services.Output.WriteLineAsync();
                var exitCode = await StartRotationCommand.StartAsync(services, simulation.SpecPath, parse.GetValue(state) ?? Path.Combine(directory, "state.db"), new Running.SessionOptions(Create: true, ForceTakeover: false, Json: false), cancellationToken);
                var violations = File.ReadAllLines(simulation.TrustPath).Length;
                await services.Output.WriteLineAsync($"Trust checker: {violations} pair(s) of pods could not talk during the rotation.");
                foreach (var line in simulation.Describe())
                {
                    await services.Output.WriteLineAsync("  " + line);
                }

                return exitCode == ExitCodes.Success && violations > 0 ? ExitCodes.StepFailed : exitCode;
            }
            finally
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }));
        return command;
    }
}
