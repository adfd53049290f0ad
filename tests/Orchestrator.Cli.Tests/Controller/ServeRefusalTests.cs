using System.Text;
using k8s;
using k8s.Models;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Controller.Resources;

namespace Orchestrator.Cli.Tests.Controller;

/// <summary>
/// CaRotations that the CLI would refuse with exit 2, each refused by <c>serve</c> with <c>PreflightFailed</c>, the
/// CLI's message (the field paths of the resource where the spec file's would be) and not one write to any region.
/// All are created at once against one replica, which takes them up side by side.
/// </summary>
public sealed class ServeRefusalTests
{
    private const string GarbageKubeconfig = "garbage-kubeconfig";
    private const string ClosedPortKubeconfig = "closed-port-kubeconfig";
    private const string NotACa = "not-a-ca";

    /// <summary>A refused connection is retried for preflight's whole read budget (a minute) before the refusal.</summary>
    private static readonly TimeSpan RefusalTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task EveryRefusalOfTheCli_IsPreflightFailedWithItsMessage_NothingWrittenInAnyRegion()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        await CreateSecretAsync(simulation, GarbageKubeconfig, "kubeconfig", "- not\n- a kubeconfig\n");
        var good = await File.ReadAllTextAsync(simulation.Clusters.Simulation.KubeconfigPath, TestContext.Current.CancellationToken);
        using var closed = new ClosedPort();
        await CreateSecretAsync(simulation, ClosedPortKubeconfig, "kubeconfig", BadInput.UnreachableRegionTests.PointedAt(good, closed));
        await CreateSecretAsync(simulation, NotACa, "readme", "no CA here");
        var rotation = simulation.Rotation("template");
        var cases = new Dictionary<string, (CaRotationSpec Spec, string Expected)>
        {
            ["alias"] = (rotation.Spec with { NewCa = rotation.Spec.NewCa with { Alias = "ca1" } }, "the new CA's alias 'ca1' is the alias of the current CA"),
            ["ca-secret"] = (rotation.Spec with { CaSecret = "no-such-secret" }, "region1: Secret anton/no-such-secret not found"),
            ["cluster"] = (rotation.Spec with { Cluster = "other-cluster" }, "region1: no StatefulSet labelled cassandra-cluster-instance=other-cluster"),
            ["key-size"] = (rotation.Spec with { NewCa = rotation.Spec.NewCa with { KeySize = 1024 } }, "spec.newCa.keySize: 1024 is below 2048"),
            ["context"] = (WithRegion2(rotation.Spec, region => region with { Context = "region9" }), "region9"),
            ["kubeconfig-secret"] = (WithRegion2(rotation.Spec, region => region with { KubeconfigSecretRef = new SecretKeyReference("absent", "kubeconfig") }), "spec.regions[1].kubeconfigSecretRef.name: no Secret orchestrator/absent"),
            ["kubeconfig-key"] = (WithRegion2(rotation.Spec, region => region with { KubeconfigSecretRef = new SecretKeyReference(ControllerSimulation.KubeconfigSecret, "config") }), "spec.regions[1].kubeconfigSecretRef.key: Secret orchestrator/regions-kubeconfig has no entry config (it has kubeconfig)"),
            ["kubeconfig-garbage"] = (WithRegion2(rotation.Spec, region => region with { KubeconfigSecretRef = new SecretKeyReference(GarbageKubeconfig, "kubeconfig") }), "region region2: cannot use kubeconfig Secret orchestrator/garbage-kubeconfig entry kubeconfig"),
            ["unreachable"] = (WithRegion2(rotation.Spec, region => region with { KubeconfigSecretRef = new SecretKeyReference(ClosedPortKubeconfig, "kubeconfig") }), "region2: the API server did not answer within 1m"),
            ["brought-ca"] = (rotation.Spec with { NewCa = new NewCaSource(null, null, null, new SecretNameReference(NotACa)) }, "spec.newCa.secretRef: Secret orchestrator/not-a-ca holds neither tls.crt and tls.key nor ca_crt.pem and ca_key.pem"),
        };
        foreach (var (name, (spec, _)) in cases)
        {
            await simulation.CreateAsync(simulation.Rotation(name) with { Spec = spec });
        }

        simulation.StartReplica();

        foreach (var (name, (_, expected)) in cases)
        {
            var refused = await simulation.WaitForAsync(name, found => found.Status?.Conditions?.Any(condition => condition.Reason == "PreflightFailed") == true, RefusalTimeout, "refused");
            Assert.Equal("Failed", refused.Status!.State);
            Assert.Contains(expected, refused.Status.Message, StringComparison.Ordinal);
            var warning = await simulation.WaitForEventAsync(name, "PreflightFailed", TimeSpan.FromSeconds(10));
            Assert.Equal("Warning", warning.Type);
            Assert.Equal(refused.Status.Message, warning.Message);
        }

        // The controller wrote only in its own namespace, about itself and the CaRotations: nothing in any region's
        // Cassandra namespace, no rotation Lease, no state.
        Assert.All(simulation.Clusters.OrchestratorWrites(), line =>
        {
            Assert.Equal(ControllerSimulation.ControllerNamespace, line["namespace"]?.GetValue<string>());
            Assert.Contains(line["resource"]!.GetValue<string>(), (string[])["leases", "events", "carotations/status"]);
        });
    }

    private static CaRotationSpec WithRegion2(CaRotationSpec spec, Func<RegionSource, RegionSource> change) =>
        spec with { Regions = [spec.Regions[0], change(spec.Regions[1])] };

    private static async Task CreateSecretAsync(ControllerSimulation simulation, string name, string key, string value) =>
        await simulation.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ControllerSimulation.ControllerNamespace },
                Data = new Dictionary<string, byte[]> { [key] = Encoding.UTF8.GetBytes(value) },
            },
            ControllerSimulation.ControllerNamespace,
            cancellationToken: TestContext.Current.CancellationToken);
}
