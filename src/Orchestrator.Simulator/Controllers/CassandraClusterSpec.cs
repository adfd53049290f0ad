using k8s.Models;

namespace Orchestrator.Simulator.Controllers;

/// <summary>
/// The CassandraCluster a region's operator manages: names and labels as the cassandra-operator derives them.
/// </summary>
internal sealed record CassandraClusterSpec(
    string Name,
    string Namespace,
    string CaSecret,
    IReadOnlyList<string> Datacenters,
    int Replicas,
    string Image = "cassandra:4.1")
{
    public const string ContainerName = "cassandra";
    public const string InstanceLabel = "cassandra-cluster-instance";
    public const string ComponentLabel = "cassandra-cluster-component";
    public const string DatacenterLabel = "cassandra-cluster-dc";

    public string NodeSecret => $"{Name}-cluster-tls-node";

    public IReadOnlyList<string> StatefulSetNames => Datacenters.Select(StatefulSetName).ToList();

    public string StatefulSetName(string datacenter) => $"{Name}-cassandra-{datacenter}";

    public Dictionary<string, string> Labels() => new()
    {
        [InstanceLabel] = Name,
        [ComponentLabel] = "cassandra",
    };

    public List<string> NodeDnsNames() =>
        Datacenters.SelectMany(datacenter => new[]
        {
            $"*.{StatefulSetName(datacenter)}.{Namespace}.svc.cluster.local",
            $"*.{StatefulSetName(datacenter)}.{Namespace}.svc",
        }).ToList();

    public V1StatefulSet NewStatefulSet(string datacenter, string restartChecksum)
    {
        var labels = Labels();
        labels[DatacenterLabel] = datacenter;
        return new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = StatefulSetName(datacenter), Labels = new Dictionary<string, string>(labels) },
            Spec = new V1StatefulSetSpec
            {
                Replicas = Replicas,
                ServiceName = StatefulSetName(datacenter),
                PodManagementPolicy = "Parallel",
                UpdateStrategy = new V1StatefulSetUpdateStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateStatefulSetStrategy { Partition = 0 },
                },
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(labels) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels) },
                    Spec = new V1PodSpec
                    {
                        TerminationGracePeriodSeconds = 30,
                        Containers =
                        [
                            new V1Container
                            {
                                Name = ContainerName,
                                Image = Image,
                                Env = [new V1EnvVar { Name = CassandraOperator.TlsChecksumVariable, Value = restartChecksum }],
                                Ports =
                                [
                                    new V1ContainerPort { ContainerPort = 7001, Name = "tls-intra-node" },
                                    new V1ContainerPort { ContainerPort = 9042, Name = "cql" },
                                ],
                                VolumeMounts = [new V1VolumeMount { MountPath = "/etc/cassandra/tls", Name = "node-tls", ReadOnlyProperty = true }],
                            },
                        ],
                        Volumes = [new V1Volume { Name = "node-tls", Secret = new V1SecretVolumeSource { SecretName = NodeSecret } }],
                    },
                },
            },
        };
    }
}
