using k8s;
using k8s.KubeConfigModels;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Simulator.Faults;

namespace Orchestrator.Cli.Tests.EndToEnd;

/// <summary>
/// Two regions of a spec that are one cluster: rotated, the second region's steps would find the first's work done
/// and its waits over at once, while its real cluster was never touched. Every command that reads the regions
/// refuses them (exit 2, both named, nothing written), however the one cluster is reached twice.
/// </summary>
public sealed class SameClusterTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private SimulatedClusters _clusters = null!;

    public async ValueTask InitializeAsync() => _clusters = await SimulatedClusters.StartAsync(2, pods: 1);

    public ValueTask DisposeAsync() => _clusters.DisposeAsync();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in new[] { "plan", "start-rotation", "verify" })
        {
            data.Add(command, "the same context");
            data.Add(command, "no context");
            data.Add(command, "another address");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Command_TwoRegionsReachingOneCluster_Exit2NamingBothAndNoWrites(string command, string reachedTwiceBy)
    {
        var spec = File.ReadAllText(_clusters.WriteSpec());
        spec = reachedTwiceBy switch
        {
            "the same context" => spec.Replace("context: region2", "context: region1", StringComparison.Ordinal),

            // The kubeconfig's current context is region1's.
            "no context" => spec.Replace("    context: region2\n", string.Empty, StringComparison.Ordinal),
            _ => spec.Replace("context: region2", $"context: {AddSecondAddressOfRegion1()}", StringComparison.Ordinal),
        };
        var path = Path.Combine(_clusters.Directory, "one-cluster.yaml");
        await File.WriteAllTextAsync(path, spec, TestContext.Current.CancellationToken);

        var outcome = await OrchestratorProcess.RunAsync([command, "--spec", path, "--state", _clusters.StatePath]);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: regions region1 and region2 are one cluster: ", line, StringComparison.Ordinal);
        Assert.Contains(reachedTwiceBy == "another address" ? "is the very object region1 reaches" : "both reach namespace anton of the API server https://127.0.0.1:", line, StringComparison.Ordinal);
        Assert.Empty(_clusters.OrchestratorWrites());
    }

    [Fact]
    public async Task Resume_KubeconfigEditedSoThatTwoRegionsAreOneCluster_Exit2AndNothingMoreWritten()
    {
        _clusters.Faults("region1").Replace(new FaultSettings { StuckPods = ["example-cluster-cassandra-dc1-0"] });
        var started = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", _clusters.WriteSpec(timeout: "3s"), "--state", _clusters.StatePath], timeout: Patience);
        Assert.True(started.ExitCode == 3, started.ToString());
        _clusters.Faults("region1").Replace(FaultSettings.None);
        var writes = _clusters.OrchestratorWrites().Count;

        // region2's cluster entry now names region1's server.
        var kubeconfig = Path.Combine(_clusters.Directory, "kubeconfig");
        var config = KubernetesClientConfiguration.LoadKubeConfig(kubeconfig);
        config.Clusters.Single(cluster => cluster.Name == "region2").ClusterEndpoint = config.Clusters.Single(cluster => cluster.Name == "region1").ClusterEndpoint;
        await File.WriteAllTextAsync(kubeconfig, KubernetesYaml.Serialize(config), TestContext.Current.CancellationToken);

        var resumed = await OrchestratorProcess.RunAsync(["resume", "--state", _clusters.StatePath], timeout: Patience);

        Assert.True(resumed.ExitCode == 2, resumed.ToString());
        Assert.Contains("error: regions region1 and region2 are one cluster: both reach namespace anton of the API server", resumed.Error, StringComparison.Ordinal);
        Assert.Equal(writes, _clusters.OrchestratorWrites().Count);
    }

    /// <summary>Adds a context that reaches region1's API server by its host name rather than its address; returns its name.</summary>
    private string AddSecondAddressOfRegion1()
    {
        var kubeconfig = Path.Combine(_clusters.Directory, "kubeconfig");
        var config = KubernetesClientConfiguration.LoadKubeConfig(kubeconfig);
        var region1 = config.Clusters.Single(cluster => cluster.Name == "region1");
        var byName = new Cluster
        {
            Name = "region1-by-name",
            ClusterEndpoint = new ClusterEndpoint
            {
                Server = region1.ClusterEndpoint.Server.Replace("127.0.0.1", "localhost", StringComparison.Ordinal),
                CertificateAuthorityData = region1.ClusterEndpoint.CertificateAuthorityData,
            },
        };
        var context = config.Contexts.Single(candidate => candidate.Name == "region1");
        config.Clusters = [.. config.Clusters, byName];
        config.Contexts = [.. config.Contexts, new Context { Name = byName.Name, ContextDetails = new ContextDetails { Cluster = byName.Name, User = context.ContextDetails.User, Namespace = context.ContextDetails.Namespace } }];
        File.WriteAllText(kubeconfig, KubernetesYaml.Serialize(config));
        return byName.Name;
    }
}
