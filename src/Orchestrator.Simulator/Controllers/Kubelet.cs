using System.Globalization;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Simulator.Audit;
using Orchestrator.Simulator.Faults;
using Orchestrator.Simulator.Storage;
using Orchestrator.Simulator.Trust;

namespace Orchestrator.Simulator.Controllers;

/// <summary>
/// The kubelets of one region: a new pod starts with the node TLS Secret as it is at that moment (the trust checker
/// is told what it mounted), becomes Ready after the restart time unless it is stuck, and a deleted pod turns
/// not-Ready, drains, and is removed.
/// </summary>
internal sealed partial class Kubelet : Controller
{
    private readonly FaultInjector _faults;
    private readonly TrustChecker _trust;
    private readonly TimeSpan _restartTime;
    private readonly TimeSpan _terminationTime;
    private readonly JsonLinesFile? _readinessLog;
    private readonly Dictionary<string, DateTimeOffset> _startedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _terminatingSince = new(StringComparer.Ordinal);

    public Kubelet(RegionStore store, FaultInjector faults, TrustChecker trust, TimeSpan restartTime, TimeSpan terminationTime, TimeProvider time, ILogger logger, JsonLinesFile? readinessLog = null)
        : base(store, time, logger)
    {
        _readinessLog = readinessLog;
        _faults = faults;
        _trust = trust;
        _restartTime = restartTime;
        _terminationTime = terminationTime;

        // A stuck pod whose fault is cleared becomes Ready: look at every pod again.
        faults.Changed += (_, _) =>
        {
            foreach (var pod in Store.List(ResourceTypes.Pods, ObjectFilter.Everything).Items)
            {
                Queue.Add($"{pod.Namespace}/{pod.Name}");
            }
        };
    }

    protected override IEnumerable<(ResourceType Type, ObjectFilter Filter)> Watches() => [(ResourceTypes.Pods, ObjectFilter.Everything)];

    protected override string? KeyOf(WatchEvent change)
    {
        if (change.Kind == WatchEventKind.Deleted)
        {
            // Gone, however it went (a delete with no grace skips the drain): it no longer takes part in TLS.
            _trust.PodStopped(change.Object.Uid);
        }

        return $"{change.Object.Namespace}/{change.Object.Name}";
    }

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var stored = Store.Get(ResourceTypes.Pods, key[..slash], key[(slash + 1)..]);
        if (stored is null)
        {
            return Task.CompletedTask;
        }

        var pod = stored.As<V1Pod>();
        var now = Time.GetUtcNow();
        if (PodState.IsTerminating(pod))
        {
            Terminate(key, pod, now);
        }
        else if (pod.Status?.Phase is null or "Pending")
        {
            StartContainers(key, pod, now);
        }
        else if (pod.Status.Phase == "Running" && !PodState.IsReady(pod))
        {
            BecomeReadyWhenDue(key, pod, now);
        }

        return Task.CompletedTask;
    }

    private void StartContainers(string key, V1Pod pod, DateTimeOffset now)
    {
        var secretName = pod.Spec.Volumes?.Select(volume => volume.Secret?.SecretName).FirstOrDefault(name => name is not null);
        StoredObject? secret = null;
        if (secretName is not null)
        {
            secret = Store.Get(ResourceTypes.Secrets, pod.Metadata.NamespaceProperty, secretName);
            if (secret is null)
            {
                // Like a kubelet whose secret volume cannot mount: the pod waits in ContainerCreating and retries.
                Queue.AddAfter(key, TimeSpan.FromSeconds(1), Stopping);
                return;
            }
        }

        pod.Status = new V1PodStatus
        {
            Phase = "Running",
            HostIP = "10.0.0.1",
            PodIP = PodAddress(pod.Metadata.Uid),
            StartTime = now.UtcDateTime,
            QosClass = "BestEffort",
            Conditions = Conditions(now, ready: false),
            ContainerStatuses = pod.Spec.Containers.Select(container => ContainerStatus(container, now, ready: false)).ToList(),
        };
        UpdateStatus(pod);
        _startedAt[pod.Metadata.Uid] = now;
        if (secret is not null)
        {
            _trust.PodStarted(new RunningPod(Store.Region, pod.Metadata.NamespaceProperty, pod.Metadata.Name, pod.Metadata.Uid), Store.Region, secret);
        }

        LogStarted(Logger, Store.Region, pod.Metadata.Name, secretName ?? "(none)");
        Queue.AddAfter(key, _restartTime, Stopping);
    }

    private void BecomeReadyWhenDue(string key, V1Pod pod, DateTimeOffset now)
    {
        if (_faults.IsStuck(pod.Metadata.Name))
        {
            return;
        }

        var started = _startedAt.GetValueOrDefault(pod.Metadata.Uid, now);
        var due = started + _restartTime;
        if (now < due)
        {
            Queue.AddAfter(key, due - now, Stopping);
            return;
        }

        pod.Status.Conditions = Conditions(now, ready: true);
        pod.Status.ContainerStatuses = pod.Spec.Containers.Select(container => ContainerStatus(container, started, ready: true)).ToList();
        UpdateStatus(pod);
        _readinessLog?.Append(new PodReadyEntry(Time.GetUtcNow(), Store.Region, pod.Metadata.NamespaceProperty, pod.Metadata.Name, pod.Metadata.Uid));
        LogReady(Logger, Store.Region, pod.Metadata.Name);
    }

    private void Terminate(string key, V1Pod pod, DateTimeOffset now)
    {
        var uid = pod.Metadata.Uid;
        if (!_terminatingSince.TryGetValue(uid, out var since))
        {
            _terminatingSince[uid] = now;
            if (pod.Status?.Phase == "Running")
            {
                // Draining: the pod leaves the endpoints at once.
                pod.Status.Conditions = Conditions(now, ready: false);
                pod.Status.ContainerStatuses = pod.Spec.Containers
                    .Select(container => ContainerStatus(container, _startedAt.GetValueOrDefault(uid, now), ready: false))
                    .ToList();
                UpdateStatus(pod);
            }

            Queue.AddAfter(key, _terminationTime, Stopping);
            return;
        }

        if (now < since + _terminationTime)
        {
            Queue.AddAfter(key, since + _terminationTime - now, Stopping);
            return;
        }

        Store.Delete(ResourceTypes.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, new DeleteOptions(0, PreconditionUid: uid));
        _terminatingSince.Remove(uid);
        _startedAt.Remove(uid);
        _trust.PodStopped(uid);
    }

    private void UpdateStatus(V1Pod pod) =>
        Store.Update(ResourceTypes.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, pod, status: true);

    private static List<V1PodCondition> Conditions(DateTimeOffset now, bool ready)
    {
        var readyStatus = ready ? "True" : "False";
        var time = now.UtcDateTime;
        return
        [
            new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = time },
            new V1PodCondition { Type = "Initialized", Status = "True", LastTransitionTime = time },
            new V1PodCondition { Type = "ContainersReady", Status = readyStatus, LastTransitionTime = time },
            new V1PodCondition { Type = "Ready", Status = readyStatus, LastTransitionTime = time },
        ];
    }

    private static V1ContainerStatus ContainerStatus(V1Container container, DateTimeOffset started, bool ready) => new()
    {
        Name = container.Name,
        Image = container.Image,
        ImageID = container.Image,
        ContainerID = "containerd://" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(container.Name + started.ToString("O", CultureInfo.InvariantCulture))))[..16],
        Ready = ready,
        Started = true,
        RestartCount = 0,
        State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = started.UtcDateTime } },
    };

    private static string PodAddress(string uid)
    {
        var bytes = Guid.Parse(uid).ToByteArray();
        return $"10.244.{bytes[0]}.{Math.Max((int)bytes[1], 1)}";
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "{Region}: started {Pod} with secret {Secret}")]
    private static partial void LogStarted(ILogger logger, string region, string pod, string secret);

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "{Region}: {Pod} is Ready")]
    private static partial void LogReady(ILogger logger, string region, string pod);
}
