using System.Globalization;

namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>
/// Advance latency and requests per wait at 3 pods: several whole rotations over four regions of three pods, each
/// wait step measured from the simulator's records.
/// </summary>
internal static class LatencyScenario
{
    public static async Task<IReadOnlyList<TargetResult>> RunAsync(E2eContext context, CancellationToken cancellationToken)
    {
        await using var clusters = await SimulatedClusters.StartAsync(
            context.Directory("latency"), regions: 4, datacenters: 1, pods: 3, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50), cancellationToken);
        var steps = new List<WaitStep>();
        for (var rotation = 0; rotation < context.LatencyRotations; rotation++)
        {
            var since = TimeProvider.System.GetUtcNow();
            var spec = clusters.WriteSpec($"ca{rotation + 2}", keySize: 2048);
            var result = await context.Cli.RunOkAsync(["start-rotation", "--spec", spec], clusters.StatePath, measure: false, TimeSpan.FromMinutes(5), cancellationToken);
            var waits = WaitStep.From(clusters.Records(), "orchestrator", since);
            steps.AddRange(waits);
            context.Say($"rotation {rotation + 1}: {waits.Count} waits in {Milliseconds.Format(result.Wall)}");
        }

        var advances = steps.Where(step => step.Advance is not null).Select(step => step.Advance!.Value.TotalMilliseconds).ToList();
        var median = Stats.Median(advances);
        var p99 = Stats.Percentile(advances, 99);
        var requests = steps.Select(step => (double)step.Requests).ToList();
        context.Say(string.Create(CultureInfo.InvariantCulture, $"advance latency over {advances.Count} steps: median {median:0.0} ms, p99 {p99:0.0} ms, min {advances.Min():0.0} ms"));
        context.Say($"requests per wait (3 pods): {string.Join(' ', steps.Select(step => step.Requests))} (+ Lease renewals {string.Join(' ', steps.Select(step => step.LeaseRenewals))})");
        var trust = clusters.Records().TrustViolations;
        return
        [
            new("Advance latency, median", "≤ 50 ms", Milliseconds.Format(median), median <= 50, $"{advances.Count} steps"),
            new("Advance latency, p99", "≤ 200 ms", Milliseconds.Format(p99), p99 <= 200, $"{advances.Count} steps"),
            new("API requests per wait step, 3 pods", "≤ 10", Describe(requests), Stats.Median(requests) <= 10 && requests.Max() <= 10, $"{steps.Count} waits; trust.jsonl lines: {trust}"),
        ];
    }

    public static string Describe(IReadOnlyList<double> requests) =>
        string.Create(CultureInfo.InvariantCulture, $"median {Stats.Median(requests):0}, max {requests.Max():0}");
}
