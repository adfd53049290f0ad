namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>API requests per wait step at 300 pods in a region: three StatefulSets of 100, one rotation.</summary>
internal static class RequestScenario
{
    public static async Task<IReadOnlyList<TargetResult>> RunAsync(E2eContext context, CancellationToken cancellationToken)
    {
        await using var clusters = await SimulatedClusters.StartAsync(
            context.Directory("requests"), regions: 1, datacenters: 3, pods: 100, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(10), cancellationToken);
        var since = TimeProvider.System.GetUtcNow();
        var result = await context.Cli.RunOkAsync(["start-rotation", "--spec", clusters.WriteSpec("ca2", keySize: 2048)], clusters.StatePath, measure: false, TimeSpan.FromMinutes(5), cancellationToken);
        var steps = WaitStep.From(clusters.Records(), "orchestrator", since);
        var requests = steps.Select(step => (double)step.Requests).ToList();
        context.Say($"rotation of 300 pods in {Milliseconds.Format(result.Wall)}; requests per wait: {string.Join(' ', steps.Select(step => step.Requests))} (+ Lease renewals {string.Join(' ', steps.Select(step => step.LeaseRenewals))}); "
            + $"advances: {string.Join(' ', steps.Where(step => step.Advance is not null).Select(step => Milliseconds.Format(step.Advance!.Value)))}");
        return
        [
            new("API requests per wait step, 300 pods", "≤ 10", LatencyScenario.Describe(requests), requests.Max() <= 10, $"{steps.Count} waits"),
        ];
    }
}
