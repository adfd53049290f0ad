using Orchestrator.Cli.Tests.Support;
using Orchestrator.Simulator.Faults;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>An operator that does not act on the Secret change: the wait says so, and goes on once it does.</summary>
public sealed class OperatorPausedTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task StartRotation_OperatorPaused_WaitsSayingSoAndFinishesOnceItActs()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 2);
        clusters.Faults("region1").Replace(new FaultSettings { OperatorPaused = true });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath]);

        await run.WaitForErrorLineAsync(line => line.Contains("waiting for the operator to acknowledge the change", StringComparison.Ordinal), Patience);

        // A bounded look, on purpose: for a second more, while the operator stays paused, the wait says nothing else
        // (no pod is replaced, and it does not claim any is being).
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var progress = run.ErrorLines.Where(line => line.StartsWith("  region1: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["  region1: example-cluster-cassandra-dc1 0/2 replaced and Ready; waiting for the operator to acknowledge the change"], progress);
        Assert.Single(clusters.SecretUpdates());

        var resumed = TimeProvider.System.GetUtcNow();
        clusters.Faults("region1").Replace(FaultSettings.None);
        var outcome = await run.WaitForExitAsync(Patience);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var wait = (await clusters.StatusAsync())["steps"]![2]!;
        Assert.True(wait["finishedAt"]!.GetValue<DateTimeOffset>() > resumed, $"step 3 ended at {wait["finishedAt"]}, before the operator was resumed at {resumed:O}");
        Assert.Equal([200, 200, 200], clusters.SecretUpdates().Select(line => line["code"]!.GetValue<int>()));
        Assert.Empty(clusters.TrustLines());
    }
}
