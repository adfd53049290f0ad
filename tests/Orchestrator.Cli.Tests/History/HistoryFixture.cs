using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Simulator.Faults;

namespace Orchestrator.Cli.Tests.History;

/// <summary>
/// Two real rotations in one state file against one simulated region (3 pods), run once for every history test: the
/// first is asked for its history while a stuck pod holds its first wait, then let go and succeeds; the second waits
/// on the stuck pod until its short timeout fails it, and is resumed to the end.
/// </summary>
public sealed class HistoryFixture : IAsyncLifetime
{
    public const string StuckPod = "example-cluster-cassandra-dc1-1";

    /// <summary>The second rotation's step timeout, which fails its wait on the stuck pod.</summary>
    public const int WaitTimeoutSeconds = 15;

    private SimulatedClusters? _clusters;

    internal SimulatedClusters Clusters => _clusters ?? throw new InvalidOperationException("not started");

    public string SucceededId { get; private set; } = string.Empty;

    public string ResumedId { get; private set; } = string.Empty;

    /// <summary>Everything the orchestrator printed while making the two rotations.</summary>
    internal List<ProcessOutcome> Runs { get; } = [];

    /// <summary><c>history --output json</c> of the first rotation, asked while its wait on the stuck pod ran.</summary>
    internal ProcessOutcome WhileRunning { get; private set; } = null!;

    /// <summary>Whether the rotation was still running when that <c>history</c> had finished.</summary>
    public bool RanThroughout { get; private set; }

    public async ValueTask InitializeAsync()
    {
        _clusters = await SimulatedClusters.StartAsync(1, pods: 3);

        // The stuck pod, not the clock, holds the wait while history reads: it is let go only once history is done,
        // however long a busy machine takes to start the two commands.
        _clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        using (var run = OrchestratorProcess.Start(["start-rotation", "--spec", _clusters.WriteSpec(), "--state", _clusters.StatePath]))
        {
            await run.WaitForLineAsync(line => line.StartsWith("[3/7] wait-rollout region1", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            SucceededId = Id(await _clusters.StatusAsync());
            WhileRunning = await OrchestratorProcess.RunAsync(["history", SucceededId, "--state", _clusters.StatePath, "--output", "json"]);
            RanThroughout = !run.HasExited;
            _clusters.Faults("region1").Replace(FaultSettings.None);
            var succeeded = await run.WaitForExitAsync(TimeSpan.FromMinutes(2));
            Assert.True(succeeded.ExitCode == 0, succeeded.ToString());
            Runs.Add(succeeded);
        }

        _clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        Runs.Add(await RunAsync(3, ["start-rotation", "--spec", _clusters.WriteSpec("second.yaml", alias: "ca3", timeout: $"{WaitTimeoutSeconds}s"), "--state", _clusters.StatePath]));
        ResumedId = Id(await _clusters.StatusAsync());

        _clusters.Faults("region1").Replace(FaultSettings.None);
        Runs.Add(await RunAsync(0, ["resume", "--state", _clusters.StatePath]));
    }

    /// <summary><c>history ID</c> of one of the rotations, in text or JSON.</summary>
    internal async Task<ProcessOutcome> HistoryAsync(string id, string output = "text")
    {
        var outcome = await OrchestratorProcess.RunAsync(["history", id, "--state", Clusters.StatePath, "--output", output]);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Empty(outcome.Error);
        return outcome;
    }

    /// <summary>The JSON history's entries, each checked to be an object.</summary>
    internal static List<JsonObject> Entries(ProcessOutcome json) =>
        JsonNode.Parse(json.Output)!.AsArray().Select(entry => entry!.AsObject()).ToList();

    public async ValueTask DisposeAsync()
    {
        if (_clusters is not null)
        {
            await _clusters.DisposeAsync();
        }
    }

    private static async Task<ProcessOutcome> RunAsync(int expected, string[] arguments)
    {
        var outcome = await OrchestratorProcess.RunAsync(arguments);
        Assert.True(outcome.ExitCode == expected, outcome.ToString());
        return outcome;
    }

    private static string Id(JsonNode status) => status["id"]!.GetValue<string>();
}
