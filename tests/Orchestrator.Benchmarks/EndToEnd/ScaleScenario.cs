using System.Globalization;

namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>One region of 30 StatefulSets of 100 pods: the orchestrator's peak memory and CPU time over a whole rotation.</summary>
internal static class ScaleScenario
{
    public static async Task<IReadOnlyList<TargetResult>> RunAsync(E2eContext context, CancellationToken cancellationToken)
    {
        if (!ChildProcess.CanMeasure)
        {
            context.Say("/usr/bin/time (Debian package 'time') is missing: peak memory and CPU cannot be measured");
            return [new("Peak memory, 3,000 pods", "≤ 300 MB", "not measured", false, "/usr/bin/time missing")];
        }

        var began = TimeProvider.System.GetTimestamp();
        await using var clusters = await SimulatedClusters.StartAsync(
            context.Directory("scale"), regions: 1, datacenters: 30, pods: 100, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(20), cancellationToken);
        context.Say($"simulation of 3,000 pods ready in {Milliseconds.Format(TimeProvider.System.GetElapsedTime(began))}");
        var since = TimeProvider.System.GetUtcNow();
        var run = await context.Cli.RunOkAsync(["start-rotation", "--spec", clusters.WriteSpec("ca2", keySize: 2048)], clusters.StatePath, measure: true, TimeSpan.FromMinutes(8), cancellationToken);
        var steps = WaitStep.From(clusters.Records(), "orchestrator", since);
        var megabytes = run.PeakRssKilobytes!.Value / 1024.0;
        var cpuPerWait = run.CpuTime!.Value / Math.Max(1, steps.Count);
        context.Say(string.Create(CultureInfo.InvariantCulture, $"rotation in {Milliseconds.Format(run.Wall)}: peak RSS {megabytes:0} MB, CPU {run.CpuTime.Value.TotalSeconds:0.00} s over {steps.Count} waits"));
        context.Say($"rollouts {string.Join(", ", steps.Select(step => Milliseconds.Format(step.Rollout)))}; requests per wait {string.Join(' ', steps.Select(step => step.Requests))} (+ Lease renewals {string.Join(' ', steps.Select(step => step.LeaseRenewals))}); "
            + $"advances {string.Join(' ', steps.Where(step => step.Advance is not null).Select(step => Milliseconds.Format(step.Advance!.Value)))}");
        var requests = steps.Select(step => (double)step.Requests).ToList();
        return
        [
            new("API requests per wait step, 3,000 pods", "≤ 10 (asked at 3 and 300)", LatencyScenario.Describe(requests), requests.Max() <= 10, $"{steps.Count} waits"),
            new("Peak memory, 3,000 pods in a region", "≤ 300 MB", string.Create(CultureInfo.InvariantCulture, $"{megabytes:0} MB"), megabytes <= 300, "peak RSS of the whole process"),
            new("CPU per wait step, 3,000 pods", "≤ 5 s", Milliseconds.Format(cpuPerWait), cpuPerWait <= TimeSpan.FromSeconds(5),
                $"whole process's CPU {run.CpuTime.Value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s / {steps.Count} waits (start-up and key included)"),
        ];
    }
}
