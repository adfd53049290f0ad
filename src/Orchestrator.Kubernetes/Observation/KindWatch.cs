using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Orchestrator.Kubernetes.Diagnostics;
using Orchestrator.Kubernetes.Resilience;

namespace Orchestrator.Kubernetes.Observation;

/// <summary>
/// Keeps one kind's cache current with the fewest requests: a list, then one watch from the list's resource version,
/// resumed from the last version seen whenever the server ends it; a new list only after an error event (410 Expired)
/// and, as a safety net, every <see cref="ObservationSettings.SafetyRelist"/>. Changes are sent as updates for the
/// observer to apply, so the cache has a single writer and stale events can never overtake a newer list.
/// </summary>
internal sealed class KindWatch<TStatus>(
    KindSource<TStatus> source,
    ObjectCache<TStatus> cache,
    RegionCalls calls,
    ObservationSettings settings) : IKindWatch
{
    /// <summary>A stream that ends this soon without an event is reopened only after a pause, never in a tight loop.</summary>
    private static readonly TimeSpan QuickClose = TimeSpan.FromSeconds(1);

    private string _version = string.Empty;

    private string Resource => source.ListOperation.Resource;

    public async Task<Func<bool>> ListAsync(CancellationToken cancellationToken)
    {
        var list = await calls.ExecuteAsync(source.ListOperation, source.List, cancellationToken);
        var items = new Dictionary<string, TStatus>(list.Items.Count, StringComparer.Ordinal);
        foreach (var (name, status) in list.Items)
        {
            items[name] = status;
        }

        _version = list.Version;
        Log.Listed(settings.Logger, settings.Region, items.Count, Resource, list.Version);
        return () => cache.Replace(items);
    }

    public async Task RunAsync(ChannelWriter<Func<bool>> changes, CancellationToken cancellationToken)
    {
        while (true)
        {
            using (var relistDue = new CancellationTokenSource(settings.SafetyRelist, settings.TimeProvider))
            {
                while (true)
                {
                    var opened = settings.TimeProvider.GetTimestamp();
                    var result = await WatchOnceAsync(changes, relistDue.Token, cancellationToken);
                    if (result.Stop == WatchStop.Broken)
                    {
                        Log.WatchRelisting(settings.Logger, settings.Region, Resource, result.Problem ?? "error event");
                        break;
                    }

                    if (result.Stop == WatchStop.RelistDue)
                    {
                        Log.SafetyRelist(settings.Logger, settings.Region, Resource);
                        break;
                    }

                    Log.WatchResumed(settings.Logger, settings.Region, Resource, _version);
                    if (result.Events == 0 && settings.TimeProvider.GetElapsedTime(opened) < QuickClose)
                    {
                        await Task.Delay(QuickClose, settings.TimeProvider, cancellationToken);
                    }
                }
            }

            await changes.WriteAsync(await ListAsync(cancellationToken), cancellationToken);
        }
    }

    private Task<WatchResult> WatchOnceAsync(ChannelWriter<Func<bool>> changes, CancellationToken relistDue, CancellationToken cancellationToken) =>
        calls.ExecuteAsync(
            source.WatchOperation,
            async token =>
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(token, relistDue);
                string? problem = null;
                var events = 0;
                try
                {
                    await foreach (var (type, name, version, status) in source.Watch(_version, stop.Token).WithCancellation(stop.Token))
                    {
                        if (type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
                        {
                            // A change's object has a name and a status: its reader saw to that.
                            changes.TryWrite(() => cache.Apply(type, name!, status!));
                            events++;
                        }

                        if (version is { Length: > 0 })
                        {
                            _version = version;
                        }
                    }
                }
                catch (KubernetesException error) when (error.Status is { } status)
                {
                    // An error event (410 Expired, say): nothing more from this stream can be used.
                    problem = $"{status.Code} {status.Reason}: {status.Message}";
                }
                catch (JsonException undecodable)
                {
                    problem = $"undecodable event: {undecodable.Message}";
                }
                catch (OperationCanceledException) when (relistDue.IsCancellationRequested && !token.IsCancellationRequested)
                {
                    // Ended here on purpose: the safety list is due.
                }
                catch (HttpOperationException failure) when (failure.Response?.StatusCode == HttpStatusCode.Gone)
                {
                    problem = "410 Gone";
                }

                return problem is not null ? new WatchResult(WatchStop.Broken, events, problem)
                    : relistDue.IsCancellationRequested ? new WatchResult(WatchStop.RelistDue, events, null)
                    : new WatchResult(WatchStop.Closed, events, null);
            },
            cancellationToken);
}
