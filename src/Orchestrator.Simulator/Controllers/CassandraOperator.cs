using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Crypto;
using Orchestrator.Crypto.NodeTls;
using Orchestrator.Simulator.Faults;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Controllers;

/// <summary>
/// The cassandra-operator of one region, for one CassandraCluster: when the CA Secret's data no longer matches its
/// checksum annotation, it regenerates the node TLS Secret from it, records the new checksum, and puts the node
/// Secret's checksum into every StatefulSet's pod template, which rolls the pods. Paused by a fault, it ignores
/// changes until it is resumed, then catches up.
/// </summary>
internal sealed partial class CassandraOperator : Controller
{
    public const string TlsChecksumVariable = "CASSANDRA_TLS_CHECKSUM";
    public const string InstanceAnnotation = "cassandra-cluster-instance";
    private const string Key = "cluster";
    private readonly CassandraClusterSpec _cluster;
    private readonly FaultInjector _faults;

    public CassandraOperator(CassandraClusterSpec cluster, RegionStore store, FaultInjector faults, TimeProvider time, ILogger logger)
        : base(store, time, logger)
    {
        _cluster = cluster;
        _faults = faults;
        faults.Changed += (_, _) => Queue.Add(Key);
    }

    protected override IEnumerable<(ResourceType Type, ObjectFilter Filter)> Watches() =>
    [
        (ResourceTypes.Secrets, ObjectFilter.InNamespace(_cluster.Namespace)),
        (ResourceTypes.StatefulSets, ObjectFilter.InNamespace(_cluster.Namespace)),
    ];

    protected override string? KeyOf(WatchEvent change)
    {
        if (change.Object.Type == ResourceTypes.StatefulSets)
        {
            // As operators filter with a generation-changed predicate: a status update (one per pod's progress
            // in a rollout) leaves the template as it was and gives the operator nothing to do.
            var statusOnly = change.Kind == WatchEventKind.Modified
                && change.Previous?.Peek().Metadata.Generation == change.Object.Peek().Metadata.Generation;
            return !statusOnly && _cluster.StatefulSetNames.Contains(change.Object.Name) ? Key : null;
        }

        return change.Object.Name == _cluster.CaSecret || change.Object.Name == _cluster.NodeSecret ? Key : null;
    }

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (_faults.OperatorPaused)
        {
            return Task.CompletedTask;
        }

        var caStored = Store.Get(ResourceTypes.Secrets, _cluster.Namespace, _cluster.CaSecret);
        if (caStored is null)
        {
            LogNoCaSecret(Logger, Store.Region, _cluster.CaSecret);
            return Task.CompletedTask;
        }

        var ca = caStored.As<V1Secret>();
        var data = ca.Data ?? new Dictionary<string, byte[]>();
        var checksum = OperatorChecksum.Of(data);
        var nodeStored = Store.Get(ResourceTypes.Secrets, _cluster.Namespace, _cluster.NodeSecret);
        if (nodeStored is null || ca.Metadata.Annotations.Find(OperatorChecksum.Annotation) != checksum)
        {
            nodeStored = RegenerateNodeSecret(ca, data, nodeStored);
            if (nodeStored is null)
            {
                return Task.CompletedTask;
            }

            ca.Metadata.Annotations ??= new Dictionary<string, string>();
            ca.Metadata.Annotations[OperatorChecksum.Annotation] = checksum;
            ca.Metadata.Annotations[InstanceAnnotation] = _cluster.Name;
            Store.Update(ResourceTypes.Secrets, _cluster.Namespace, _cluster.CaSecret, ca);
            LogAcknowledged(Logger, Store.Region, _cluster.CaSecret, checksum);
        }

        var restartChecksum = OperatorChecksum.Of(nodeStored.As<V1Secret>().Data);
        foreach (var datacenter in _cluster.Datacenters)
        {
            EnsureStatefulSet(datacenter, restartChecksum);
        }

        return Task.CompletedTask;
    }

    private StoredObject? RegenerateNodeSecret(V1Secret ca, IDictionary<string, byte[]> data, StoredObject? existing)
    {
        NodeTlsMaterial material;
        try
        {
            var certificate = Text(data, "ca.crt");
            var key = Text(data, "ca.key");
            var trusted = data.Where(entry => TrustedEntry().IsMatch(entry.Key)).OrderBy(entry => entry.Key, StringComparer.Ordinal)
                .Select(entry => Encoding.UTF8.GetString(entry.Value)).ToList();
            // The node key is kept across CA changes (only the certificate and stores are issued anew), as certificate
            // tooling does by default; it spares a key generation per change, the simulator's costliest work.
            var nodeKey = existing?.As<V1Secret>().Data?.Find("tls.key") is { } kept ? Encoding.UTF8.GetString(kept) : null;
            try
            {
                material = NodeTlsIssuer.Issue(certificate, key, trusted, $"{_cluster.Name}-cassandra", _cluster.NodeDnsNames(), Time, nodePrivateKeyPem: nodeKey);
            }
            catch (CryptoInputException) when (nodeKey is not null)
            {
                // The kept key (or the CA) is unusable: a new key, and the CA's problem, if it is one, reported below.
                material = NodeTlsIssuer.Issue(certificate, key, trusted, $"{_cluster.Name}-cassandra", _cluster.NodeDnsNames(), Time);
            }
        }
        catch (CryptoInputException invalid)
        {
            // The real operator logs and retries on the next change; the cluster keeps running on what it has.
            LogInvalidCa(Logger, Store.Region, ca.Metadata.Name, invalid.Message);
            return null;
        }

        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = _cluster.NodeSecret,
                Labels = _cluster.Labels(),
                ResourceVersion = existing?.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            Type = "Opaque",
            Data = new Dictionary<string, byte[]>
            {
                ["ca.crt"] = data["ca.crt"],
                ["tls.crt"] = Encoding.UTF8.GetBytes(material.CertificatePem),
                ["tls.key"] = Encoding.UTF8.GetBytes(material.PrivateKeyPem),
                ["keystore.p12"] = material.Keystore,
                ["keystore.password"] = Encoding.UTF8.GetBytes(material.KeystorePassword),
                ["truststore.p12"] = material.Truststore,
                ["truststore.password"] = Encoding.UTF8.GetBytes(material.TruststorePassword),
            },
        };
        return existing is null
            ? Store.Create(ResourceTypes.Secrets, _cluster.Namespace, secret)
            : Store.Update(ResourceTypes.Secrets, _cluster.Namespace, _cluster.NodeSecret, secret);
    }

    private void EnsureStatefulSet(string datacenter, string restartChecksum)
    {
        var name = _cluster.StatefulSetName(datacenter);
        var stored = Store.Get(ResourceTypes.StatefulSets, _cluster.Namespace, name);
        if (stored is null)
        {
            Store.Create(ResourceTypes.StatefulSets, _cluster.Namespace, _cluster.NewStatefulSet(datacenter, restartChecksum));
            return;
        }

        var set = stored.As<V1StatefulSet>();
        var container = set.Spec.Template.Spec.Containers.First(container => container.Name == CassandraClusterSpec.ContainerName);
        container.Env ??= [];
        var variable = container.Env.FirstOrDefault(env => env.Name == TlsChecksumVariable);
        if (variable?.Value == restartChecksum)
        {
            return;
        }

        if (variable is null)
        {
            container.Env.Add(new V1EnvVar { Name = TlsChecksumVariable, Value = restartChecksum });
        }
        else
        {
            variable.Value = restartChecksum;
        }

        Store.Update(ResourceTypes.StatefulSets, _cluster.Namespace, name, set);
        LogTemplateChanged(Logger, Store.Region, name);
    }

    private static string Text(IDictionary<string, byte[]> data, string key) =>
        data.TryGetValue(key, out var value)
            ? Encoding.UTF8.GetString(value)
            : throw new CryptoInputException($"the CA Secret has no {key} entry");

    // The operator's own test for an extra trusted CA: the key matches "^.*.crt".
    [GeneratedRegex("^.*.crt")]
    private static partial Regex TrustedEntry();

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "{Region}: CA Secret {Secret} not found")]
    private static partial void LogNoCaSecret(ILogger logger, string region, string secret);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "{Region}: cannot generate node TLS from CA Secret {Secret}: {Reason}")]
    private static partial void LogInvalidCa(ILogger logger, string region, string secret, string reason);

    [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "{Region}: regenerated node TLS for {Secret}, checksum {Checksum}")]
    private static partial void LogAcknowledged(ILogger logger, string region, string secret, string checksum);

    [LoggerMessage(EventId = 503, Level = LogLevel.Information, Message = "{Region}: rolling {StatefulSet} for new node TLS")]
    private static partial void LogTemplateChanged(ILogger logger, string region, string statefulSet);
}
