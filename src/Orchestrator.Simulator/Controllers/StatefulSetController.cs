using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Controllers;

/// <summary>
/// The StatefulSet controller: creates missing pods, rolls a changed template out by deleting one pod at a time
/// from the highest ordinal down, waiting for each replacement to be Running and Ready, and keeps the status
/// fields that <c>kubectl rollout status</c> reads as the real controller keeps them.
/// </summary>
internal sealed partial class StatefulSetController(RegionStore store, TimeProvider time, ILogger logger)
    : Controller(store, time, logger)
{
    // Each pod as last parsed, by name, with the resource version it was parsed at: a stored version never
    // changes, so a rollout parses only the pods that changed since the set's last reconcile, not all of them.
    private readonly Dictionary<string, (long Version, V1Pod Pod)> _parsed = new(StringComparer.Ordinal);

    protected override IEnumerable<(ResourceType Type, ObjectFilter Filter)> Watches() =>
    [
        (ResourceTypes.StatefulSets, ObjectFilter.Everything),
        (ResourceTypes.Pods, ObjectFilter.Everything),
    ];

    protected override string? KeyOf(WatchEvent change)
    {
        if (change.Object.Type == ResourceTypes.StatefulSets)
        {
            return $"{change.Object.Namespace}/{change.Object.Name}";
        }

        var owner = change.Object.As<V1Pod>().Metadata.OwnerReferences?.FirstOrDefault(reference => reference.Kind == "StatefulSet");
        return owner is null ? null : $"{change.Object.Namespace}/{owner.Name}";
    }

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = SplitKey(key);
        var stored = Store.Get(ResourceTypes.StatefulSets, ns, name);
        if (stored is null)
        {
            DeleteOrphans(ns, name);
            return Task.CompletedTask;
        }

        var set = stored.As<V1StatefulSet>();
        var updateRevision = RevisionName.For(set);
        var currentRevision = string.IsNullOrEmpty(set.Status?.CurrentRevision) ? updateRevision : set.Status.CurrentRevision;
        var replicas = set.Spec.Replicas ?? 1;
        var pods = OwnedPods(set);

        if (CreateMissingPods(set, pods, replicas, updateRevision) || ScaleDown(pods, replicas))
        {
            pods = OwnedPods(set);
        }
        else if (RollOneStep(set, pods, replicas, updateRevision))
        {
            pods = OwnedPods(set);
        }

        WriteStatus(stored, set, pods, currentRevision, updateRevision);
        return Task.CompletedTask;
    }

    private static (string Namespace, string Name) SplitKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }

    private SortedDictionary<int, V1Pod> OwnedPods(V1StatefulSet set)
    {
        var pods = new SortedDictionary<int, V1Pod>();
        foreach (var stored in Store.List(ResourceTypes.Pods, ObjectFilter.InNamespace(set.Metadata.NamespaceProperty)).Items)
        {
            // The name rules out other sets' pods before the costly parse: a region of thousands of pods would
            // otherwise parse every one of them on every reconcile of every set.
            var ordinal = PodState.Ordinal(set.Metadata.Name, stored.Name);
            if (ordinal < 0)
            {
                continue;
            }

            var pod = Parsed(stored);
            if (pod.Metadata.OwnerReferences?.Any(owner => owner.Uid == set.Metadata.Uid) == true)
            {
                pods[ordinal] = pod;
            }
        }

        return pods;
    }

    /// <summary>The pod as stored, parsed once per resource version; never to be changed by the caller.</summary>
    private V1Pod Parsed(StoredObject stored)
    {
        var key = $"{stored.Namespace}/{stored.Name}";
        if (!_parsed.TryGetValue(key, out var known) || known.Version != stored.ResourceVersion)
        {
            known = (stored.ResourceVersion, stored.As<V1Pod>());
            _parsed[key] = known;
        }

        return known.Pod;
    }

    /// <summary>Creates the pods missing below the replica count: all at once for Parallel, the lowest first for OrderedReady.</summary>
    private bool CreateMissingPods(V1StatefulSet set, SortedDictionary<int, V1Pod> pods, int replicas, string revision)
    {
        var parallel = set.Spec.PodManagementPolicy == "Parallel";
        var created = false;
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            if (pods.TryGetValue(ordinal, out var existing))
            {
                if (!parallel && !PodState.IsHealthy(existing))
                {
                    return created;
                }

                continue;
            }

            Store.Create(ResourceTypes.Pods, set.Metadata.NamespaceProperty, NewPod(set, ordinal, revision));
            LogPodCreated(Logger, Store.Region, set.Metadata.Name, ordinal, revision);
            created = true;
            if (!parallel)
            {
                return true;
            }
        }

        return created;
    }

    private bool ScaleDown(SortedDictionary<int, V1Pod> pods, int replicas)
    {
        var surplus = pods.Where(pair => pair.Key >= replicas && !PodState.IsTerminating(pair.Value)).Select(pair => pair.Value).LastOrDefault();
        if (surplus is null)
        {
            return false;
        }

        Store.Delete(ResourceTypes.Pods, surplus.Metadata.NamespaceProperty, surplus.Metadata.Name, new DeleteOptions(PreconditionUid: surplus.Metadata.Uid));
        return true;
    }

    /// <summary>
    /// One step of a RollingUpdate, as <c>updateStatefulSet</c> takes it: from the highest ordinal down, delete the
    /// first pod not at the update revision, but stop at a pod that is not yet healthy.
    /// </summary>
    private bool RollOneStep(V1StatefulSet set, SortedDictionary<int, V1Pod> pods, int replicas, string updateRevision)
    {
        if (set.Spec.UpdateStrategy?.Type != "RollingUpdate")
        {
            return false;
        }

        var partition = set.Spec.UpdateStrategy.RollingUpdate?.Partition ?? 0;
        for (var target = replicas - 1; target >= partition; target--)
        {
            if (!pods.TryGetValue(target, out var pod))
            {
                return false;
            }

            if (PodState.Revision(pod) != updateRevision && !PodState.IsTerminating(pod))
            {
                Store.Delete(ResourceTypes.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, new DeleteOptions(PreconditionUid: pod.Metadata.Uid));
                LogPodReplaced(Logger, Store.Region, set.Metadata.Name, target, updateRevision);
                return true;
            }

            if (!PodState.IsHealthy(pod))
            {
                return false;
            }
        }

        return false;
    }

    private void WriteStatus(StoredObject stored, V1StatefulSet set, SortedDictionary<int, V1Pod> pods, string currentRevision, string updateRevision)
    {
        var status = new V1StatefulSetStatus
        {
            ObservedGeneration = set.Metadata.Generation,
            CurrentRevision = currentRevision,
            UpdateRevision = updateRevision,
            CollisionCount = set.Status?.CollisionCount ?? 0,
            Replicas = 0,
            ReadyReplicas = 0,
            AvailableReplicas = 0,
            CurrentReplicas = 0,
            UpdatedReplicas = 0,
        };
        foreach (var pod in pods.Values)
        {
            if (PodState.IsCreated(pod))
            {
                status.Replicas++;
            }

            if (PodState.IsRunningAndReady(pod))
            {
                status.ReadyReplicas++;
                status.AvailableReplicas++;
            }

            if (PodState.IsCreated(pod) && !PodState.IsTerminating(pod))
            {
                var revision = PodState.Revision(pod);
                status.CurrentReplicas += revision == currentRevision ? 1 : 0;
                status.UpdatedReplicas += revision == updateRevision ? 1 : 0;
            }
        }

        // completeRollingUpdate: once every replica is updated and ready, the update revision becomes current.
        var replicas = set.Spec.Replicas ?? 1;
        if (set.Spec.UpdateStrategy?.Type == "RollingUpdate" && status.UpdatedReplicas == replicas && status.ReadyReplicas == replicas)
        {
            status.CurrentRevision = status.UpdateRevision;
            status.CurrentReplicas = status.UpdatedReplicas;
        }

        set.Status = status;
        set.Metadata.ResourceVersion = stored.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Store.Update(ResourceTypes.StatefulSets, set.Metadata.NamespaceProperty, set.Metadata.Name, set, status: true);
    }

    private void DeleteOrphans(string ns, string setName)
    {
        // The garbage collector removes the pods of a deleted StatefulSet.
        foreach (var stored in Store.List(ResourceTypes.Pods, ObjectFilter.InNamespace(ns)).Items)
        {
            if (PodState.Ordinal(setName, stored.Name) < 0)
            {
                continue;
            }

            var pod = stored.As<V1Pod>();
            if (pod.Metadata.OwnerReferences?.Any(owner => owner.Kind == "StatefulSet" && owner.Name == setName) == true
                && !PodState.IsTerminating(pod))
            {
                Store.Delete(ResourceTypes.Pods, ns, pod.Metadata.Name, new DeleteOptions(PreconditionUid: pod.Metadata.Uid));
            }
        }
    }

    private static V1Pod NewPod(V1StatefulSet set, int ordinal, string revision)
    {
        var template = Storage.StoredObject.Clone(set.Spec.Template);
        var name = $"{set.Metadata.Name}-{ordinal}";
        var labels = new Dictionary<string, string>(template.Metadata?.Labels ?? new Dictionary<string, string>())
        {
            [PodState.RevisionLabel] = revision,
            ["statefulset.kubernetes.io/pod-name"] = name,
            ["apps.kubernetes.io/pod-index"] = ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var spec = template.Spec;
        spec.Hostname = name;
        spec.Subdomain = set.Spec.ServiceName;
        spec.NodeName ??= "simulated-node";
        return new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = labels,
                Annotations = template.Metadata?.Annotations,
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = "apps/v1",
                        Kind = "StatefulSet",
                        Name = set.Metadata.Name,
                        Uid = set.Metadata.Uid,
                        Controller = true,
                        BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = spec,
        };
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "{Region}: created {Set}-{Ordinal} at revision {Revision}")]
    private static partial void LogPodCreated(ILogger logger, string region, string set, int ordinal, string revision);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "{Region}: deleting {Set}-{Ordinal} to roll it to revision {Revision}")]
    private static partial void LogPodReplaced(ILogger logger, string region, string set, int ordinal, string revision);
}
