using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>
/// A whole two-region rotation (13 steps, 4096-bit key, pods that take a second to restart) by the orchestrator,
/// and the same by the plain kubectl script, each on a fresh simulation of the same shape.
/// </summary>
internal static class RotationScenario
{
    private static readonly TimeSpan Restart = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Termination = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Key generation is step 1's duration: what was left of it when the rotation reached that step (it is begun
    /// before preflight, so the part that overlapped preflight and the Leases is in neither figure).
    /// </summary>
    public static async Task<IReadOnlyList<TargetResult>> RunAsync(E2eContext context, CancellationToken cancellationToken)
    {
        var orchestrator = await RunOrchestratorAsync(context, cancellationToken);
        var script = await RunScriptAsync(context, cancellationToken);
        var overhead = orchestrator.Wall - orchestrator.Rollouts - orchestrator.KeyGeneration;
        context.Say($"orchestrator: {Milliseconds.Format(orchestrator.Wall)} = rollouts {Milliseconds.Format(orchestrator.Rollouts)} + key generation left at step 1 "
            + $"{Milliseconds.Format(orchestrator.KeyGeneration)} + overhead {Milliseconds.Format(overhead)}; trust.jsonl lines: {orchestrator.TrustLines}");
        context.Say($"kubectl script: returned after {Milliseconds.Format(script.Wall)} (rollouts between its writes: {Milliseconds.Format(script.Rollouts)}); "
            + $"its cluster settled after {Milliseconds.Format(script.Settled)}; trust.jsonl lines: {script.TrustLines}");
        return
        [
            new("Overhead of a 2-region rotation (besides key generation)", "≤ 1.5 s", Milliseconds.Format(overhead), overhead <= TimeSpan.FromSeconds(1.5),
                $"wall {Milliseconds.Format(orchestrator.Wall)}, rollouts {Milliseconds.Format(orchestrator.Rollouts)}, key {Milliseconds.Format(orchestrator.KeyGeneration)}"),
            new("trust.jsonl lines of the orchestrator's rotation", "0", orchestrator.TrustLines.ToString(CultureInfo.InvariantCulture), orchestrator.TrustLines == 0,
                $"the script's: {script.TrustLines}"),
        ];
    }

    private static async Task<Contestant> RunOrchestratorAsync(E2eContext context, CancellationToken cancellationToken)
    {
        await using var clusters = await SimulatedClusters.StartAsync(context.Directory("rotation-orchestrator"), 2, 1, 3, Restart, Termination, cancellationToken);
        var since = TimeProvider.System.GetUtcNow();
        var run = await context.Cli.RunOkAsync(["start-rotation", "--spec", clusters.WriteSpec("ca2", keySize: 4096)], clusters.StatePath, measure: false, TimeSpan.FromMinutes(5), cancellationToken);
        var records = clusters.Records();
        var steps = WaitStep.From(records, "orchestrator", since);
        var status = await context.Cli.RunOkAsync(["status", "--output", "json"], clusters.StatePath, measure: false, TimeSpan.FromMinutes(1), cancellationToken);
        var generate = JsonNode.Parse(status.Output)!["steps"]![0]!;
        var keyGeneration = generate["finishedAt"]!.GetValue<DateTimeOffset>() - generate["startedAt"]!.GetValue<DateTimeOffset>();
        return new Contestant(run.Wall, Sum(steps), keyGeneration, records.TrustViolations, run.Wall);
    }

    private static async Task<Contestant> RunScriptAsync(E2eContext context, CancellationToken cancellationToken)
    {
        await using var clusters = await SimulatedClusters.StartAsync(context.Directory("rotation-script"), 2, 1, 3, Restart, Termination, cancellationToken);
        var options = clusters.Simulation.Options;
        var since = TimeProvider.System.GetUtcNow();
        var script = Path.Combine(AppContext.BaseDirectory, "peer", "rotate-ca.sh");
        var run = await ChildProcess.RunAsync(
            "bash",
            [script, clusters.Simulation.KubeconfigPath, options.Namespace, options.CaSecret, options.Cluster, "ca2", .. clusters.Simulation.Regions.Select(region => region.Name)],
            new Dictionary<string, string>(),
            measure: false,
            TimeSpan.FromMinutes(5),
            cancellationToken);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"the kubectl script exited {run.ExitCode}:\n{run.Error}");
        }

        // kubectl may have said "complete" before the operator even acted: the cluster may still be rolling, and
        // only once it has settled does trust.jsonl hold everything the script's order broke.
        using (var settling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            settling.CancelAfter(TimeSpan.FromMinutes(5));
            await clusters.Simulation.WaitUntilSettledAsync(settling.Token);
        }

        var records = clusters.Records();
        var lastReady = records.Ready.Where(line => line.Time > since).Select(line => line.Time).DefaultIfEmpty(since + run.Wall).Max();
        var settled = TimeSpan.FromTicks(Math.Max(run.Wall.Ticks, (lastReady - since).Ticks));
        return new Contestant(run.Wall, Sum(WaitStep.From(records, "kubectl", since)), TimeSpan.Zero, records.TrustViolations, settled);
    }

    private static TimeSpan Sum(IEnumerable<WaitStep> steps) => steps.Aggregate(TimeSpan.Zero, (total, step) => total + step.Rollout);

    /// <param name="Settled">Until the last pod the contestant's writes restarted was Ready: the script can return before.</param>
    private sealed record Contestant(TimeSpan Wall, TimeSpan Rollouts, TimeSpan KeyGeneration, int TrustLines, TimeSpan Settled);
}
