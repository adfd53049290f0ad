using System.Text;
using k8s;
using k8s.Models;
using Orchestrator.Controller.State;
using Orchestrator.Controller.Tests.Support;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Kubernetes;
using Orchestrator.Testing;

namespace Orchestrator.Controller.Tests.State;

/// <summary>What the Kubernetes store does beyond the contract: it fences a deposed writer out and keeps keys where they belong.</summary>
public sealed class KubernetesRotationStoreTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private readonly string _namespace = "fence-" + Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWriterThatDidNotSeeAnotherWrite_IsRefused_AndOverwritesNothing()
    {
        var client = await ClientAsync();
        using var deposed = Store(client, CancellationToken.None);
        var rotation = TestRotations.New("rot-fence-stale");
        await deposed.CreateAsync(rotation, [], Token);

        using var successor = Store(client, CancellationToken.None);
        var taken = (await successor.FindAsync(rotation.Id, Token))!;
        taken.Reason = "the successor's";
        await successor.SaveAsync(taken, [], Token);

        rotation.Reason = "the deposed leader's";
        await Assert.ThrowsAsync<StoreException>(() => deposed.SaveAsync(rotation, [], Token));
        Assert.Equal("the successor's", (await successor.FindAsync(rotation.Id, Token))!.Reason);
    }

    [Fact]
    public async Task AfterTheTermEnds_NothingIsWritten()
    {
        var client = await ClientAsync();
        using var term = new CancellationTokenSource();
        using var store = Store(client, term.Token);
        var rotation = TestRotations.New("rot-fence-term");
        await store.CreateAsync(rotation, [], Token);
        var before = await client.CoreV1.ReadNamespacedSecretAsync(KubernetesRotationStore.SecretName(rotation.Id), _namespace, cancellationToken: Token);

        await term.CancelAsync();
        rotation.State = RotationState.Running;

        await Assert.ThrowsAsync<StoreException>(() => store.SaveAsync(rotation, [], Token));
        await Assert.ThrowsAsync<StoreException>(() => store.RequestAbortAsync(rotation.Id, "late", Token));
        var after = await client.CoreV1.ReadNamespacedSecretAsync(KubernetesRotationStore.SecretName(rotation.Id), _namespace, cancellationToken: Token);
        Assert.Equal(before.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task TheKeyIsInTheSecretsData_NeverInItsLabelsOrAnnotations()
    {
        var client = await ClientAsync();
        using var store = Store(client, CancellationToken.None);
        var rotation = TestRotations.Full("rot-fence-key");
        await store.CreateAsync(rotation, [], Token);
        await store.RequestAbortAsync(rotation.Id, "to see the annotations", Token);

        var secret = await client.CoreV1.ReadNamespacedSecretAsync(KubernetesRotationStore.SecretName(rotation.Id), _namespace, cancellationToken: Token);
        var key = rotation.NewCa!.PrivateKey.Reveal();
        Assert.Equal("Opaque", secret.Type);
        Assert.DoesNotContain(secret.Metadata.Annotations.Values.Concat(secret.Metadata.Labels.Values), value => value.Contains("PRIVATE KEY", StringComparison.Ordinal));
        Assert.Contains(key.Trim(), Encoding.UTF8.GetString(secret.Data["rotation.json"]).Replace("\\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIdThatCannotNameASecret_IsRefusedClearly()
    {
        var client = await ClientAsync();
        using var store = Store(client, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<StoreException>(() => store.CreateAsync(TestRotations.New("Rot_Upper"), [], Token));

        Assert.Contains("Rot_Upper", refused.Message, StringComparison.Ordinal);
    }

    private KubernetesRotationStore Store(IKubernetes client, CancellationToken term) => new(client, _namespace, TimeProvider.System, term, ownedByCaRotation: false);

    private async Task<IKubernetes> ClientAsync()
    {
        var client = ClusterClients.Create(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Simulation.KubeconfigPath));
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _namespace } }, cancellationToken: Token);
        return client;
    }
}
