using k8s;
using k8s.Models;
using Orchestrator.Controller.State;
using Orchestrator.Controller.Tests.Support;
using Orchestrator.Core.Persistence;
using Orchestrator.Kubernetes;
using Orchestrator.Testing.StoreContract;

namespace Orchestrator.Controller.Tests.State;

/// <summary>The Kubernetes store, against the simulated API server, held to the contract every store keeps.</summary>
public sealed class KubernetesStoreContractTests(SimulationFixture fixture) : RotationStoreContract, IClassFixture<SimulationFixture>
{
    private readonly string _namespace = "store-" + Guid.NewGuid().ToString("N")[..8];
    private IKubernetes? _client;

    protected override async Task<IRotationStore> OpenAsync()
    {
        if (_client is null)
        {
            _client = ClusterClients.Create(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Simulation.KubeconfigPath));
            await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _namespace } }, cancellationToken: TestContext.Current.CancellationToken);
        }

        return new KubernetesRotationStore(_client, _namespace, TimeProvider.System, CancellationToken.None, ownedByCaRotation: false);
    }
}
