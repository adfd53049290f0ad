using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Crypto.Certificates;
using Orchestrator.Simulator.Audit;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Trust;

/// <summary>
/// Watches inter-node TLS across every region of the simulation: each time a pod starts, every running pod must
/// still be able to complete mutual TLS with it. Pods that started from the same node Secret are alike, so trust is
/// decided per pair of such classes and only expanded to pod pairs when a class pair fails. Each failing pod pair is
/// written once to <c>trust.jsonl</c>.
/// </summary>
internal sealed partial class TrustChecker(JsonLinesFile? log, TimeProvider time, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TrustMaterial> _classes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (RunningPod Pod, string Class)> _running = new(StringComparer.Ordinal);

    // The running pods of each class, in the order they started: a start is judged against each class once,
    // so a region of thousands of pods costs a handful of verdicts per start, not one per running pod.
    private readonly Dictionary<string, Dictionary<string, RunningPod>> _runningByClass = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), TrustRefusal?> _verdicts = [];

    // The same few certificates are checked against the same few CAs again and again as pods restart; reading a
    // CA's public key is costly (the cryptography library tests its modulus), so each answer is kept.
    private readonly Dictionary<(string Certificate, string Ca), bool> _signatures = [];
    private readonly HashSet<(string, string)> _reported = [];
    private readonly List<TrustViolation> _violations = [];

    public IReadOnlyList<TrustViolation> Violations
    {
        get
        {
            lock (_gate)
            {
                return _violations.ToList();
            }
        }
    }

    public void PodStarted(RunningPod pod, string region, StoredObject nodeSecret)
    {
        var classKey = $"{region}/{nodeSecret.Namespace}/{nodeSecret.Name}@{nodeSecret.Uid}/{nodeSecret.ResourceVersion}";
        lock (_gate)
        {
            if (!_classes.ContainsKey(classKey))
            {
                _classes[classKey] = TrustMaterial.From(nodeSecret.As<V1Secret>());
            }

            Forget(pod.Uid);
            _running[pod.Uid] = (pod, classKey);
            if (!_runningByClass.TryGetValue(classKey, out var members))
            {
                members = new Dictionary<string, RunningPod>(StringComparer.Ordinal);
                _runningByClass[classKey] = members;
            }

            members[pod.Uid] = pod;
            var now = time.GetUtcNow();
            foreach (var (peerClass, peers) in _runningByClass)
            {
                if (Verdict(classKey, peerClass, now) is not { } refusal)
                {
                    continue;
                }

                foreach (var peer in peers.Values)
                {
                    if (peer.Uid != pod.Uid)
                    {
                        var (truster, presenter) = refusal.TrusterClass == classKey ? (pod, peer) : (peer, pod);
                        Report(pod, peer, $"{truster} does not accept the certificate of {presenter}: {refusal.Detail}", now);
                    }
                }
            }
        }
    }

    public void PodStopped(string uid)
    {
        lock (_gate)
        {
            Forget(uid);
        }
    }

    private void Forget(string uid)
    {
        if (_running.Remove(uid, out var known) && _runningByClass.TryGetValue(known.Class, out var members))
        {
            members.Remove(uid);
            if (members.Count == 0)
            {
                _runningByClass.Remove(known.Class);
            }
        }
    }

    private TrustRefusal? Verdict(string classA, string classB, DateTimeOffset now)
    {
        var key = string.CompareOrdinal(classA, classB) <= 0 ? (classA, classB) : (classB, classA);
        if (!_verdicts.TryGetValue(key, out var verdict))
        {
            verdict = Judge(key.Item1, key.Item2, now) ?? Judge(key.Item2, key.Item1, now);
            _verdicts[key] = verdict;
        }

        return verdict;
    }

    /// <summary>Why pods of the truster class refuse the certificate of pods of the presenter class, or null.</summary>
    private TrustRefusal? Judge(string trusterClass, string presenterClass, DateTimeOffset now)
    {
        var truster = _classes[trusterClass];
        var presenter = _classes[presenterClass];
        if (truster.Problem is not null || presenter.Problem is not null)
        {
            return new TrustRefusal(truster.Problem is null ? presenterClass : trusterClass, truster.Problem ?? presenter.Problem!);
        }

        return truster.Accepts(presenter, now, IsSignedBy)
            ? null
            : new TrustRefusal(trusterClass, $"it is issued by {presenter.CertificateIssuer} and the truststore holds {truster.TrustedSubjects}");
    }

    private bool IsSignedBy(string certificate, string ca)
    {
        if (!_signatures.TryGetValue((certificate, ca), out var signed))
        {
            signed = PemCertificates.IsSignedBy(certificate, ca);
            _signatures[(certificate, ca)] = signed;
        }

        return signed;
    }

    private void Report(RunningPod pod, RunningPod peer, string reason, DateTimeOffset now)
    {
        var pair = string.CompareOrdinal(pod.Uid, peer.Uid) <= 0 ? (pod.Uid, peer.Uid) : (peer.Uid, pod.Uid);
        if (!_reported.Add(pair))
        {
            return;
        }

        var violation = new TrustViolation(now, TrustViolation.PodRef.Of(pod), TrustViolation.PodRef.Of(peer), reason);
        _violations.Add(violation);
        log?.Append(violation);
        LogViolation(logger, pod.ToString(), peer.ToString(), reason);
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "TLS between {Pod} and {Peer} fails: {Reason}")]
    private static partial void LogViolation(ILogger logger, string pod, string peer, string reason);
}
