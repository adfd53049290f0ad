using System.Text;
using k8s;
using k8s.Models;
using Orchestrator.Core.Cluster;
using Orchestrator.Kubernetes.Tests.Support;

namespace Orchestrator.Kubernetes.Tests.Regions;

public sealed class SecretTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private const string Namespace = SimulationFixture.Namespace;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadThenReplace_RoundTrip_WritesOnlyTheDataAndKeepsTheRest()
    {
        await CreateAsync("round-trip", labels: new Dictionary<string, string> { ["team"] = "storage" });
        using var region = Connectors.Plain().Connect(fixture.Region(), SimulationFixture.Cluster);

        var basis = await region.ReadSecretAsync("round-trip", Token);
        var outcome = await region.ReplaceSecretDataAsync(basis, new Dictionary<string, byte[]> { ["ca.crt"] = Bytes("new"), ["ca2.crt"] = Bytes("two") }, Token);

        Assert.True(outcome.Written);
        Assert.NotEqual(basis.ResourceVersion, outcome.ResourceVersion);
        var again = await region.ReadSecretAsync("round-trip", Token);
        Assert.Equal(outcome.ResourceVersion, again.ResourceVersion);
        Assert.Equal(["ca.crt", "ca2.crt"], again.Data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("two", Encoding.UTF8.GetString(again.Data["ca2.crt"]));
        using var plain = fixture.Client();
        var stored = await plain.CoreV1.ReadNamespacedSecretAsync("round-trip", Namespace, cancellationToken: Token);
        Assert.Equal("storage", stored.Metadata.Labels["team"]);
        Assert.Equal("Opaque", stored.Type);
        Assert.Equal("kept", stored.Metadata.Annotations["note"]);
    }

    [Fact]
    public async Task Find_PresentAfterA503AndAbsent_TheSecretThenNullAndNothingWritten()
    {
        await CreateAsync("looked-up");
        using var region = Connectors.Plain().Connect(fixture.Region(), SimulationFixture.Cluster);
        await using var faults = await Faults.SetAsync(fixture, "region1", """{"failRequests":[{"verb":"get","resource":"secrets","code":503,"count":1}]}""");

        var found = await region.FindSecretAsync("looked-up", Token);
        var absent = await region.FindSecretAsync("never-created", Token);

        Assert.NotNull(found);
        Assert.Equal(("looked-up", "old", "kept"), (found.Name, Encoding.UTF8.GetString(found.Data["ca.crt"]), found.Annotations["note"]));
        Assert.Null(absent);
        Assert.Empty(AuditLog.Lines(fixture, "update", "looked-up"));
    }

    [Fact]
    public async Task Replace_StaleBasis_ConflictAndTheSecretUnchanged()
    {
        await CreateAsync("stale");
        using var region = Connectors.Plain().Connect(fixture.Region(), SimulationFixture.Cluster);
        var basis = await region.ReadSecretAsync("stale", Token);
        using var plain = fixture.Client();
        var other = await plain.CoreV1.ReadNamespacedSecretAsync("stale", Namespace, cancellationToken: Token);
        other.Data = new Dictionary<string, byte[]> { ["ca.crt"] = Bytes("someone else's") };
        await plain.CoreV1.ReplaceNamespacedSecretAsync(other, "stale", Namespace, cancellationToken: Token);

        var outcome = await region.ReplaceSecretDataAsync(basis, new Dictionary<string, byte[]> { ["ca.crt"] = Bytes("mine") }, Token);

        Assert.Same(SecretWriteOutcome.Conflict, outcome);
        var stored = await plain.CoreV1.ReadNamespacedSecretAsync("stale", Namespace, cancellationToken: Token);
        Assert.Equal("someone else's", Encoding.UTF8.GetString(stored.Data["ca.crt"]));
        Assert.Equal([200, 409], AuditLog.Lines(fixture, "update", "stale").Select(AuditLog.Code));
    }

    [Fact]
    public async Task Replace_BasisFromAnotherConnection_ReadsAgainAndWritesOnlyIfStillCurrent()
    {
        await CreateAsync("resumed");
        CaSecret basis;
        using (var earlier = Connectors.Plain().Connect(fixture.Region(), SimulationFixture.Cluster))
        {
            basis = await earlier.ReadSecretAsync("resumed", Token);
        }

        using var region = Connectors.Plain().Connect(fixture.Region(), SimulationFixture.Cluster);
        var written = await region.ReplaceSecretDataAsync(basis, new Dictionary<string, byte[]> { ["ca.crt"] = Bytes("first") }, Token);
        using var later = Connectors.Plain().Connect(fixture.Region(), SimulationFixture.Cluster);
        var stale = await later.ReplaceSecretDataAsync(basis, new Dictionary<string, byte[]> { ["ca.crt"] = Bytes("second") }, Token);

        Assert.True(written.Written);
        Assert.False(stale.Written);
        Assert.Equal([200], AuditLog.Lines(fixture, "update", "resumed").Select(AuditLog.Code));
    }

    [Fact]
    public async Task Replace_Unprocessable_RejectedNotRetried()
    {
        await CreateAsync("refused");
        using var region = Connectors.Plain().Connect(fixture.Region(), SimulationFixture.Cluster);
        var basis = await region.ReadSecretAsync("refused", Token);
        await using var faults = await Faults.SetAsync(fixture, "region1", """{"failRequests":[{"verb":"update","resource":"secrets","code":422,"count":5}]}""");

        var failure = await Assert.ThrowsAsync<ClusterException>(
            () => region.ReplaceSecretDataAsync(basis, new Dictionary<string, byte[]> { ["ca.crt"] = Bytes("new") }, Token));

        Assert.Equal(ClusterFailure.Rejected, failure.Failure);
        Assert.StartsWith("region1: the API server refused to update secrets anton/refused (422 UnprocessableEntity)", failure.Message, StringComparison.Ordinal);
        Assert.Equal([422], AuditLog.Lines(fixture, "update", "refused").Select(AuditLog.Code));
    }

    [Fact]
    public async Task Read_MissingSecret_NotFoundNamingTheSecret()
    {
        using var region = Connectors.Plain().Connect(fixture.Region(), SimulationFixture.Cluster);

        var failure = await Assert.ThrowsAsync<ClusterException>(() => region.ReadSecretAsync("no-such-secret", Token));

        Assert.Equal(ClusterFailure.NotFound, failure.Failure);
        Assert.Equal("region1: Secret anton/no-such-secret not found", failure.Message);
    }

    [Fact]
    public async Task Read_Forbidden_SaysWhichPermissionIsMissing()
    {
        using var region = Connectors.Plain().Connect(fixture.Region("region2"), SimulationFixture.Cluster);
        await using var faults = await Faults.SetAsync(fixture, "region2", """{"failRequests":[{"verb":"get","resource":"secrets","code":403}]}""");

        var failure = await Assert.ThrowsAsync<ClusterException>(() => region.ReadSecretAsync(SimulationFixture.CaSecret, Token));

        Assert.Equal(ClusterFailure.Forbidden, failure.Failure);
        Assert.StartsWith("region2: not allowed to get secrets in namespace anton (403 Forbidden)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_ListsStatefulSetsAndPodsAndReadsTheChecksum()
    {
        using var region = Connectors.Plain().Connect(fixture.Region("region2"), SimulationFixture.Cluster);

        var snapshot = await region.SnapshotAsync(SimulationFixture.CaSecret, Token);

        var set = Assert.Single(snapshot.StatefulSets);
        Assert.Equal("example-cluster-cassandra-dc1", set.Name);
        Assert.Equal(3, set.Replicas);
        Assert.Equal("RollingUpdate", set.UpdateStrategy);
        Assert.Equal(0, set.Partition);
        Assert.Equal(set.Generation, set.ObservedGeneration);
        Assert.Equal(["example-cluster-cassandra-dc1-0", "example-cluster-cassandra-dc1-1", "example-cluster-cassandra-dc1-2"], snapshot.Pods.Select(pod => pod.Name));
        Assert.All(snapshot.Pods, pod =>
        {
            Assert.Equal(set.Name, pod.StatefulSet);
            Assert.Equal(set.UpdateRevision, pod.Revision);
            Assert.True(pod.Ready);
            Assert.False(pod.Terminating);
        });
        var secret = await region.ReadSecretAsync(SimulationFixture.CaSecret, Token);
        Assert.Equal(Core.Cassandra.SecretChecksum.Compute(secret.Data), snapshot.AcknowledgedChecksum);
    }

    private async Task CreateAsync(string name, Dictionary<string, string>? labels = null)
    {
        using var plain = fixture.Client();
        await plain.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = labels, Annotations = new Dictionary<string, string> { ["note"] = "kept" } },
                Type = "Opaque",
                Data = new Dictionary<string, byte[]> { ["ca.crt"] = Bytes("old") },
            },
            Namespace,
            cancellationToken: Token);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
