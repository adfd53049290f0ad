using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using Orchestrator.Controller.Resources;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Specs;
using Orchestrator.Kubernetes;
using Orchestrator.Kubernetes.Connection;

namespace Orchestrator.Controller.Schedules;

/// <summary>
/// A region without <c>kubeconfigSecretRef</c> is the controller's own cluster (its client, shared); one with it gets a
/// client of its own from the kubeconfig in that Secret of the controller's namespace, with the controller's User-Agent.
/// </summary>
/// <param name="ownCluster">The controller's own client, never disposed here.</param>
public sealed class KubeconfigRegionClients(IKubernetes ownCluster, string @namespace, KubernetesClientOptions clientOptions) : IRegionClients
{
    public async Task<RegionConnection> ConnectAsync(RegionSource region, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (region.KubeconfigSecretRef is not { } reference)
        {
            return new RegionConnection(ownCluster, owned: false);
        }

        var text = await ReadEntryAsync(reference, $"{field}.kubeconfigSecretRef", cancellationToken);
        try
        {
            var described = new RegionSpec(region.Name, $"Secret {@namespace}/{reference.Name} entry {reference.Key}", region.Context, region.Namespace ?? @namespace);
            return new RegionConnection(ClusterClients.Create(KubeconfigReader.Parse(described, text), clientOptions), owned: true);
        }
        catch (ClusterException unusable)
        {
            throw new SpecException($"{field}.kubeconfigSecretRef: {unusable.Message}");
        }
    }

    private async Task<string> ReadEntryAsync(SecretKeyReference reference, string field, CancellationToken cancellationToken)
    {
        try
        {
            var secret = await ownCluster.CoreV1.ReadNamespacedSecretAsync(reference.Name, @namespace, cancellationToken: cancellationToken);
            return secret.Data?.TryGetValue(reference.Key, out var value) == true && value is not null
                ? Encoding.UTF8.GetString(value)
                : throw new SpecException($"{field}.key: Secret {@namespace}/{reference.Name} has no entry {reference.Key}; put the region's kubeconfig there, or name the entry that holds it");
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new SpecException($"{field}.name: no Secret {@namespace}/{reference.Name}; create it in the schedule's namespace");
        }
        catch (HttpOperationException refused) when (refused.Response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            throw new SpecException($"{field}.name: Secret {@namespace}/{reference.Name} cannot be read by the controller ({(int)refused.Response.StatusCode}); grant it get on Secrets in {@namespace}");
        }
    }
}
