using k8s;
using k8s.Models;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Simulator.Faults;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Controller;

/// <summary>
/// <c>orchestrator serve</c>'s <c>/metrics</c> scraped as Prometheus would, during a rotation over two simulated regions,
/// and the Events it writes on the regions' CA Secrets; the monitoring samples are checked against a real scrape.
/// </summary>
public sealed class MetricsTests
{
    private const string Stuck = "example-cluster-cassandra-dc1-0";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task MonitoringSamples_EveryMetricTheirQueriesUse_IsInAScrapeDuringARotation()
    {
        var rules = MonitoringSamples.RuleExpressions();
        var panels = MonitoringSamples.DashboardExpressions();
        Assert.True(rules.Count >= 5, $"{rules.Count} alert expressions in {MonitoringSamples.RulesPath}");
        Assert.True(panels.Count >= 5, $"{panels.Count} panel expressions in {MonitoringSamples.DashboardPath}");
        await using var simulation = await ControllerSimulation.StartAsync();
        var (_, port) = simulation.StartReplica();
        await HoldAtWaitAsync(simulation, "rotate", held: "region1", released: "region2", step: 3);

        var scrape = await ScrapeWithAsync(port, "region1", simulation);

        var names = scrape.Select(sample => sample.Name).ToHashSet(StringComparer.Ordinal);
        var used = rules.Concat(panels).SelectMany(MonitoringSamples.MetricNames).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("orchestrator_ca_certificate_expiration_timestamp_seconds", used);
        var missing = used.Where(name => !names.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $"used by the samples but not in /metrics: {string.Join(", ", missing)}; it has {string.Join(", ", names.Order(StringComparer.Ordinal))}");
    }

    [Fact]
    public async Task Metrics_ScrapedDuringARotation_FollowIt_AndTheRotationsSeriesGoWhenItIsDone()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        var (_, port) = simulation.StartReplica();
        await HoldAtWaitAsync(simulation, "rotate", held: "region1", released: "region2", step: 3);
        var first = await ScrapeWithAsync(port, "region1", simulation);

        await HoldAtWaitAsync(simulation, "rotate", held: "region2", released: "region1", step: 5);
        var second = await ScrapeWithAsync(port, "region2", simulation);

        Assert.Equal((3, 13), (Value(first, "orchestrator_rotation_step"), Value(first, "orchestrator_rotation_steps_total")));
        Assert.Equal(5, Value(second, "orchestrator_rotation_step"));
        Assert.Equal([("Running", 1.0)], first.Where(sample => sample.Name == "orchestrator_rotation_state" && sample.Value > 0).Select(sample => (sample.Label("state")!, sample.Value)));
        Assert.Equal(7, first.Count(sample => sample.Name == "orchestrator_rotation_state"));
        Assert.True(Value(first, "orchestrator_rotation_pods_ready", "region1") < 3, "a pod of region1 is stuck");
        Assert.Equal(3, Value(first, "orchestrator_rotation_pods_total", "region1"));
        Assert.Equal(3, Value(second, "orchestrator_rotation_pods_ready", "region1"));
        Assert.True(Requests(second) > Requests(first), $"requests {Requests(first)} then {Requests(second)}");
        Assert.Contains(second, sample => sample is { Name: "orchestrator_kubernetes_requests_total" } && sample.Label("region") == "controller" && sample.Label("verb") == "watch");
        Assert.Contains(second, sample => sample is { Name: "orchestrator_kubernetes_requests_total" } && sample.Label("region") == "region2" && sample.Label("verb") == "update" && sample.Label("code") == "200");
        Assert.Contains(second, sample => sample is { Name: "orchestrator_step_duration_seconds_count", Value: >= 1 } && sample.Label("kind") == "wait-rollout" && sample.Label("outcome") == "succeeded");
        Assert.Equal(1, Value(second, "orchestrator_leader"));
        Assert.Equal(0, Value(second, "orchestrator_awaiting_approval"));
        var expiry = second.Single(sample => sample.Name == "orchestrator_ca_certificate_expiration_timestamp_seconds" && sample.Label("region") == "region1" && sample.Label("entry") == "ca.crt");
        Assert.Equal(("example-cluster", SimulatedClusters.CaSecret), (expiry.Label("cluster"), expiry.Label("secret")));
        Assert.True(DateTimeOffset.FromUnixTimeSeconds((long)expiry.Value) > TimeProvider.System.GetUtcNow().AddYears(5), $"ca.crt expires at {expiry.Value}");

        ClearFaults(simulation);
        await simulation.WaitForStateAsync("rotate", "Succeeded", RunTimeout);
        await Polling.UntilAsync(
            async () => !(await MetricsScrape.ReadAsync(port)).Any(sample => sample.Label("rotation") == "rotate"),
            "the finished rotation's series are gone",
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task StepEvents_OfARegionsSteps_AreOnThatRegionsCaSecretToo()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        simulation.StartReplica();
        await simulation.CreateAsync(simulation.Rotation("rotate"));
        await simulation.WaitForStateAsync("rotate", "Succeeded", RunTimeout);

        foreach (var region in simulation.Clusters.RegionNames)
        {
            var events = await simulation.CaSecretEventsAsync(region);
            var reasons = events.Select(item => item.Reason).ToList();

            // Each region has 3 Secret writes and 3 waits; as kubectl describe secret finds them (by the Secret's uid).
            Assert.Equal(3, reasons.Count(reason => reason == "SecretUpdated"));
            Assert.Equal(3, reasons.Count(reason => reason == "RolloutComplete"));
            Assert.Contains("StepStarted", reasons);
            Assert.DoesNotContain("StepSucceeded", reasons);
            Assert.All(events, item => Assert.Equal(("Secret", "orchestrator"), (item.InvolvedObject.Kind, item.Source.Component)));
            Assert.DoesNotContain(events, item => item.Message.Contains("BEGIN", StringComparison.Ordinal));
        }

        var onRotation = (await simulation.EventsAsync("rotate")).Select(item => item.Reason).ToList();
        Assert.Equal(6, onRotation.Count(reason => reason == "SecretUpdated"));
        Assert.Equal(6, onRotation.Count(reason => reason == "RolloutComplete"));
    }

    [Fact]
    public async Task AWaitPastItsTimeout_IsStepTimedOut_OnTheCaRotationAndTheCaSecret_AndInTheMetrics()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        var (_, port) = simulation.StartReplica();
        simulation.Clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [Stuck] });
        await simulation.CreateAsync(simulation.Rotation("rotate", timeout: "10s"));

        await simulation.WaitForStateAsync("rotate", "Failed", RunTimeout);

        var timedOut = await simulation.WaitForEventAsync("rotate", "StepTimedOut", TimeSpan.FromSeconds(30));
        Assert.Equal("Warning", timedOut.Type);
        Assert.DoesNotContain("StepFailed", (await simulation.EventsAsync("rotate")).Select(item => item.Reason));
        Assert.Contains("StepTimedOut", (await simulation.CaSecretEventsAsync("region1")).Select(item => item.Reason));
        var scrape = await MetricsScrape.ReadAsync(port);
        Assert.Contains(scrape, sample => sample is { Name: "orchestrator_step_duration_seconds_count", Value: 1 } && sample.Label("kind") == "wait-rollout" && sample.Label("outcome") == "timed-out");
        Assert.Equal([("Failed", 1.0)], scrape.Where(sample => sample.Name == "orchestrator_rotation_state" && sample.Value > 0).Select(sample => (sample.Label("state")!, sample.Value)));
    }

    /// <summary>Creates the CaRotation if need be and holds it in the wait of <paramref name="step"/>, a pod of <paramref name="held"/> kept from turning Ready.</summary>
    private static async Task HoldAtWaitAsync(ControllerSimulation simulation, string name, string held, string released, int step)
    {
        simulation.Clusters.Faults(held).Replace(new FaultSettings { StuckPods = [Stuck] });
        simulation.Clusters.Faults(released).Replace(new FaultSettings());
        if (await simulation.FindAsync(name) is null)
        {
            await simulation.CreateAsync(simulation.Rotation(name));
        }

        await simulation.WaitForAsync(name, rotation => rotation.Status?.CurrentStep?.Number == step, RunTimeout, $"at step {step}");
    }

    /// <summary>A scrape once it shows the running wait's pods in <paramref name="region"/>.</summary>
    private static async Task<IReadOnlyList<MetricSample>> ScrapeWithAsync(int port, string region, ControllerSimulation simulation)
    {
        IReadOnlyList<MetricSample> scrape = [];
        await Polling.UntilAsync(
            async () =>
            {
                scrape = await MetricsScrape.ReadAsync(port);
                return scrape.Any(sample => sample.Name == "orchestrator_rotation_pods_total" && sample.Label("region") == region);
            },
            $"the pods of {region} are in /metrics\n{simulation.ReplicaLogs()}",
            TimeSpan.FromSeconds(30));
        return scrape;
    }

    private static double Value(IReadOnlyList<MetricSample> scrape, string name, string? region = null) =>
        scrape.Single(sample => sample.Name == name && (region is null || sample.Label("region") == region)).Value;

    private static double Requests(IReadOnlyList<MetricSample> scrape) =>
        scrape.Where(sample => sample.Name == "orchestrator_kubernetes_requests_total").Sum(sample => sample.Value);

    private static void ClearFaults(ControllerSimulation simulation)
    {
        foreach (var region in simulation.Clusters.RegionNames)
        {
            simulation.Clusters.Faults(region).Replace(new FaultSettings());
        }
    }
}
