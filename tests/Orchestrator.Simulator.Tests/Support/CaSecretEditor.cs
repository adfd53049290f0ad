using System.Text;
using k8s;
using k8s.Models;
using Orchestrator.Simulator.Controllers;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Tests.Support;

/// <summary>Changes a region's CA Secret the way a person following the procedure would, and waits for the rollout.</summary>
internal static class CaSecretEditor
{
    public const string Namespace = "anton";
    public const string Name = "example-cluster-manual-tls-ca";

    public static async Task<V1Secret> ReplaceDataAsync(Kubernetes client, IDictionary<string, byte[]> data, CancellationToken cancellationToken)
    {
        var secret = await client.CoreV1.ReadNamespacedSecretAsync(Name, Namespace, cancellationToken: cancellationToken);
        secret.Data = data;
        return await client.CoreV1.ReplaceNamespacedSecretAsync(secret, Name, Namespace, cancellationToken: cancellationToken);
    }

    public static async Task<Dictionary<string, byte[]>> ReadDataAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        var secret = await client.CoreV1.ReadNamespacedSecretAsync(Name, Namespace, cancellationToken: cancellationToken);
        return new Dictionary<string, byte[]>(secret.Data);
    }

    /// <summary>
    /// Waits until the operator has acknowledged exactly <paramref name="written"/> and every pod of the region is a new
    /// pod, Ready, at the StatefulSets' update revision: the procedure's "wait until all C* pods are restarted".
    /// </summary>
    public static async Task WaitForRolloutAsync(Storage.RegionStore store, IReadOnlyCollection<string> podUidsBefore, IDictionary<string, byte[]> written)
    {
        var checksum = OperatorChecksum.Of(written);
        await StoreWaiter.UntilAsync(
            store,
            () =>
            {
                var ca = store.Get(Storage.ResourceTypes.Secrets, Namespace, Name)!.As<V1Secret>();
                if (ca.Metadata.Annotations.Find(OperatorChecksum.Annotation) != checksum)
                {
                    return false;
                }

                var sets = store.List(Storage.ResourceTypes.StatefulSets, Storage.ObjectFilter.InNamespace(Namespace)).Items.Select(s => s.As<V1StatefulSet>()).ToList();
                var pods = store.List(Storage.ResourceTypes.Pods, Storage.ObjectFilter.InNamespace(Namespace)).Items.Select(p => p.As<V1Pod>()).ToList();
                return sets.All(set => KubectlRolloutStatus.IsComplete(set) && set.Status.CurrentRevision == set.Status.UpdateRevision)
                    && pods.Count == sets.Sum(set => set.Spec.Replicas)
                    && pods.All(pod => !podUidsBefore.Contains(pod.Metadata.Uid) && Simulator.Controllers.PodState.IsHealthy(pod));
            },
            $"{store.Region} has rolled out the CA Secret change");
    }

    public static IReadOnlyCollection<string> PodUids(Storage.RegionStore store) =>
        store.List(Storage.ResourceTypes.Pods, Storage.ObjectFilter.InNamespace(Namespace)).Items.Select(p => p.Uid).ToHashSet();

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
