using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orchestrator.Core.Cluster;
using Orchestrator.Kubernetes.Connection;
using Orchestrator.Kubernetes.Regions;
using Orchestrator.Kubernetes.Resilience;

namespace Orchestrator.Kubernetes.Observation;

/// <summary>
/// One observation of a region: three lists, a snapshot, then three watches whose changes are applied in batches,
/// one snapshot per batch that changed what a rotation sees. The StatefulSet and pod sources are the region's own,
/// the ones its snapshots list through.
/// </summary>
internal sealed class ClusterObserver(
    ApiStreams streams,
    KindSource<StatefulSetStatus> statefulSets,
    KindSource<PodStatus> podSource,
    RegionCalls calls,
    RegionTarget target,
    ObservationSettings settings)
{
    public async IAsyncEnumerable<ClusterSnapshot> ObserveAsync(string caSecret, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sets = new ObjectCache<StatefulSetStatus>();
        var pods = new ObjectCache<PodStatus>();
        var secret = new ObjectCache<SecretChecksums>();
        IKindWatch[] kinds =
        [
            new KindWatch<StatefulSetStatus>(statefulSets, sets, calls, settings),
            new KindWatch<PodStatus>(podSource, pods, calls, settings),
            new KindWatch<SecretChecksums>(KindSources.CaSecret(streams, target, caSecret), secret, calls, settings),
        ];
        foreach (var replace in await Task.WhenAll(kinds.Select(kind => kind.ListAsync(cancellationToken))))
        {
            replace();
        }

        var changes = Channel.CreateUnbounded<Func<bool>>(new UnboundedChannelOptions { SingleReader = true });
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = kinds.Select(kind => RunAsync(kind, changes.Writer, stopping.Token)).ToList();
        try
        {
            yield return Snapshot(sets, pods, secret);
            while (await changes.Reader.WaitToReadAsync(cancellationToken))
            {
                // Everything queued while the caller looked at the last snapshot goes into the next one.
                var changed = false;
                while (changes.Reader.TryRead(out var apply))
                {
                    changed |= apply();
                }

                if (changed)
                {
                    yield return Snapshot(sets, pods, secret);
                }
            }
        }
        finally
        {
            await stopping.CancelAsync();
            await Task.WhenAll(loops);
        }
    }

    private static ClusterSnapshot Snapshot(ObjectCache<StatefulSetStatus> sets, ObjectCache<PodStatus> pods, ObjectCache<SecretChecksums> secret)
    {
        // One Secret by name: its checksums, or none while it is missing.
        var found = secret.Sorted();
        SecretChecksums? checksums = found.Count > 0 ? found[0] : null;
        return new(checksums?.Acknowledged, sets.Sorted(), pods.Sorted()) { DataChecksum = checksums?.Data };
    }

    /// <summary>Runs one kind's loop; a failure no retry can cure ends the observation with that failure.</summary>
    private static async Task RunAsync(IKindWatch kind, ChannelWriter<Func<bool>> changes, CancellationToken stopping)
    {
        try
        {
            await kind.RunAsync(changes, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception failure)
        {
            // Completing the channel with the failure hands it to the observer, which throws it to its caller.
            changes.TryComplete(failure);
        }
    }
}
