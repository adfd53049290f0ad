using System.Text.Json;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Running;

/// <summary>
/// Runs a rotation in the foreground for <c>start-rotation</c>, <c>resume</c> and <c>demo</c>: holds its run lock,
/// shows progress, prints the final status, and maps the outcome to the exit code.
/// </summary>
internal static class RotationSession
{
    public static async Task<int> RunAsync(CliServices services, IRotationStore store, Rotation rotation, bool json, CancellationToken cancellationToken)
    {
        var owner = $"orchestrator pid {Environment.ProcessId} on {Environment.MachineName}";
        await using var runLock = await store.TryLockAsync(rotation.Id, owner, CancellationToken.None);
        if (!runLock.Acquired)
        {
            await services.Error.WriteLineAsync($"error: rotation {rotation.Id} is being run by {runLock.Holder}; wait for it, or stop that process first");
            return ExitCodes.Locked;
        }

        // A run that died may have left the document behind what another process saved since: read it under the lock.
        rotation = await store.FindAsync(rotation.Id, CancellationToken.None) ?? rotation;
        var observer = new ConsoleObserver(json ? services.Error : services.Output, services.Error, services.Interactive);
        var runner = new RotationRunner(store, services.Connector, observer, services.Time, services.Loggers);
        var outcome = await runner.RunAsync(rotation, cancellationToken);
        await PrintAsync(services, rotation, json);
        return outcome switch
        {
            RunOutcome.Succeeded => ExitCodes.Success,
            RunOutcome.Interrupted => ExitCodes.Interrupted,
            _ => ExitCodes.StepFailed,
        };
    }

    public static async Task PrintAsync(CliServices services, Rotation rotation, bool json)
    {
        if (json)
        {
            await services.Output.WriteLineAsync(JsonSerializer.Serialize(RotationView.Of(rotation), RotationView.Json));
        }
        else
        {
            await services.Output.WriteLineAsync();
            await services.Output.WriteAsync(StatusText.Render(rotation));
        }

        await services.Output.FlushAsync(CancellationToken.None);
    }
}
