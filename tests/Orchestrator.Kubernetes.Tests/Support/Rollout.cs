using System.Text;
using Orchestrator.Core.Cluster;
using Orchestrator.Crypto.Authority;

namespace Orchestrator.Kubernetes.Tests.Support;

/// <summary>A CA Secret change the operator rolls out, and the snapshot that shows it finished.</summary>
internal static class Rollout
{
    /// <summary>The data plus an extra trusted CA: a real certificate, so that the operator's truststore accepts it.</summary>
    public static Dictionary<string, byte[]> WithExtraCa(IReadOnlyDictionary<string, byte[]> data, string alias)
    {
        var ca = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions(alias, 2048), TimeProvider.System);
        return new Dictionary<string, byte[]>(data) { [$"{alias}.crt"] = Encoding.UTF8.GetBytes(ca.CertificatePem) };
    }

    /// <summary>
    /// The operator has acknowledged <paramref name="checksum"/>, and every pod is a new one, Ready, at its
    /// StatefulSet's update revision.
    /// </summary>
    public static bool IsComplete(ClusterSnapshot snapshot, IReadOnlySet<string> podsBefore, string checksum) =>
        snapshot.AcknowledgedChecksum == checksum
        && snapshot.StatefulSets.Count > 0
        && snapshot.Pods.Count == snapshot.StatefulSets.Sum(set => set.Replicas)
        && snapshot.Pods.All(pod =>
            !podsBefore.Contains(pod.Uid)
            && pod.Ready
            && !pod.Terminating
            && pod.Revision == snapshot.StatefulSets.Single(set => set.Name == pod.StatefulSet).UpdateRevision);

    public static IReadOnlySet<string> PodUids(ClusterSnapshot snapshot) => snapshot.Pods.Select(pod => pod.Uid).ToHashSet();
}
