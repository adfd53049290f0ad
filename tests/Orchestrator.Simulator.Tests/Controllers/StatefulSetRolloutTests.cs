using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Simulator.Controllers;
using Orchestrator.Simulator.Storage;
using Orchestrator.Simulator.Tests.Support;
using Orchestrator.Simulator.Trust;

namespace Orchestrator.Simulator.Tests.Controllers;

public sealed class StatefulSetRolloutTests : IAsyncLifetime
{
    private const string Namespace = "db";
    private readonly RegionStore _store = new("region1", TimeProvider.System);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Controller> _controllers = [];

    public ValueTask InitializeAsync()
    {
        _store.Create(ResourceTypes.Namespaces, null, new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        _controllers.Add(new StatefulSetController(_store, TimeProvider.System, NullLogger.Instance));
        _controllers.Add(new Kubelet(
            _store,
            new Faults.FaultInjector(),
            new TrustChecker(null, TimeProvider.System, NullLogger.Instance),
            restartTime: TimeSpan.FromMilliseconds(30),
            terminationTime: TimeSpan.FromMilliseconds(10),
            TimeProvider.System,
            NullLogger.Instance));
        foreach (var controller in _controllers)
        {
            controller.Start(_stopping.Token);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_controllers.Select(controller => controller.Completion));
        _stopping.Dispose();
    }

    [Fact]
    public async Task TemplateChange_ParallelRollingUpdate_ReplacesPodsOneAtATimeInReverseOrdinalOrder()
    {
        _store.Create(ResourceTypes.StatefulSets, Namespace, NewSet("dc1", replicas: 3, checksum: "one"));
        await StoreWaiter.UntilAsync(_store, () => Complete("dc1"), "dc1 has rolled out");
        var before = Pods().ToDictionary(pod => pod.Metadata.Name, pod => pod.Metadata.Uid);
        using var recorder = _store.Watch(ResourceTypes.Pods, ObjectFilter.Everything, _store.CurrentResourceVersion);
        using var setRecorder = _store.Watch(ResourceTypes.StatefulSets, ObjectFilter.Everything, _store.CurrentResourceVersion);

        ChangeTemplate("dc1", "two");
        await StoreWaiter.UntilAsync(_store, () => Complete("dc1") && Pods().All(pod => !before.ContainsValue(pod.Metadata.Uid)), "every pod is replaced");

        var removals = new List<string>();
        var unavailable = new HashSet<string>();
        var mostUnavailable = 0;
        while (recorder.Events.TryRead(out var change))
        {
            var pod = change.Object.As<V1Pod>();
            if (change.Kind == WatchEventKind.Deleted)
            {
                removals.Add(pod.Metadata.Name);
                unavailable.Add(pod.Metadata.Name);
            }
            else if (PodState.IsHealthy(pod))
            {
                unavailable.Remove(pod.Metadata.Name);
            }
            else
            {
                unavailable.Add(pod.Metadata.Name);
            }

            mostUnavailable = Math.Max(mostUnavailable, unavailable.Count);
        }

        Assert.Equal(["dc1-set-2", "dc1-set-1", "dc1-set-0"], removals);
        Assert.Equal(1, mostUnavailable);
        var set = _store.Get(ResourceTypes.StatefulSets, Namespace, "dc1-set")!.As<V1StatefulSet>();
        Assert.Equal(2, set.Metadata.Generation);
        Assert.Equal(2, set.Status.ObservedGeneration);
        Assert.Equal(set.Status.UpdateRevision, set.Status.CurrentRevision);
        Assert.All(Pods(), pod => Assert.Equal(set.Status.UpdateRevision, PodState.Revision(pod)));

        // kubectl rollout status must not call the rollout complete until the last replacement is Ready.
        var snapshots = new List<V1StatefulSet>();
        while (setRecorder.Events.TryRead(out var change))
        {
            snapshots.Add(change.Object.As<V1StatefulSet>());
        }

        Assert.False(KubectlRolloutStatus.IsComplete(snapshots[0]));
        Assert.True(KubectlRolloutStatus.IsComplete(snapshots[^1]));
        var firstComplete = snapshots.FindIndex(KubectlRolloutStatus.IsComplete);
        Assert.All(snapshots[firstComplete..], snapshot => Assert.Equal(3, snapshot.Status.UpdatedReplicas));
    }

    [Fact]
    public async Task TemplateChange_BeforeControllerObservesIt_KubectlSeesGenerationNotObserved()
    {
        _store.Create(ResourceTypes.StatefulSets, Namespace, NewSet("dc2", replicas: 1, checksum: "one"));
        await StoreWaiter.UntilAsync(_store, () => Complete("dc2"), "dc2 has rolled out");

        var changed = ChangeTemplate("dc2", "two");

        Assert.Equal(2, changed.Metadata.Generation);
        Assert.Equal(1, changed.Status.ObservedGeneration);
        Assert.False(KubectlRolloutStatus.IsComplete(changed));
        await StoreWaiter.UntilAsync(_store, () => Complete("dc2"), "dc2 has rolled out again");
    }

    [Fact]
    public async Task PodDeletedByHand_IsRecreatedWithNewUidAtTheSameRevision()
    {
        _store.Create(ResourceTypes.StatefulSets, Namespace, NewSet("dc3", replicas: 2, checksum: "one"));
        await StoreWaiter.UntilAsync(_store, () => Complete("dc3"), "dc3 has rolled out");
        var victim = _store.Get(ResourceTypes.Pods, Namespace, "dc3-set-0")!.As<V1Pod>();

        _store.Delete(ResourceTypes.Pods, Namespace, "dc3-set-0", new DeleteOptions());

        await StoreWaiter.UntilAsync(
            _store,
            () => _store.Get(ResourceTypes.Pods, Namespace, "dc3-set-0")?.As<V1Pod>() is { } pod
                && pod.Metadata.Uid != victim.Metadata.Uid
                && PodState.IsHealthy(pod),
            "dc3-set-0 is back");
        var replacement = _store.Get(ResourceTypes.Pods, Namespace, "dc3-set-0")!.As<V1Pod>();
        Assert.Equal(PodState.Revision(victim), PodState.Revision(replacement));
    }

    private bool Complete(string datacenter)
    {
        var set = _store.Get(ResourceTypes.StatefulSets, Namespace, $"{datacenter}-set")?.As<V1StatefulSet>();
        return set is not null
            && KubectlRolloutStatus.IsComplete(set)
            && set.Status.CurrentRevision == set.Status.UpdateRevision
            && set.Status.ObservedGeneration == set.Metadata.Generation;
    }

    private List<V1Pod> Pods() =>
        _store.List(ResourceTypes.Pods, ObjectFilter.InNamespace(Namespace)).Items.Select(stored => stored.As<V1Pod>()).ToList();

    private V1StatefulSet ChangeTemplate(string datacenter, string checksum)
    {
        var stored = _store.Get(ResourceTypes.StatefulSets, Namespace, $"{datacenter}-set")!;
        var set = stored.As<V1StatefulSet>();
        set.Spec.Template.Spec.Containers[0].Env = [new V1EnvVar { Name = "CHECKSUM", Value = checksum }];
        return _store.Update(ResourceTypes.StatefulSets, Namespace, set.Metadata.Name, set).As<V1StatefulSet>();
    }

    private static V1StatefulSet NewSet(string datacenter, int replicas, string checksum)
    {
        var labels = new Dictionary<string, string> { ["app"] = datacenter };
        return new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = $"{datacenter}-set", Labels = labels },
            Spec = new V1StatefulSetSpec
            {
                Replicas = replicas,
                ServiceName = datacenter,
                PodManagementPolicy = "Parallel",
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        Containers = [new V1Container { Name = "cassandra", Image = "cassandra:4.1", Env = [new V1EnvVar { Name = "CHECKSUM", Value = checksum }] }],
                    },
                },
            },
        };
    }
}
