using Microsoft.Extensions.Logging;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Leases;

/// <summary>
/// One Lease per region, named after the CA Secret, held by a rotation while it runs: taken in every region before
/// anything changes, renewed in the background, released when the run stops (unless left to a successor that holds
/// them under the same name). Losing one (someone else took it over) cancels <see cref="Lost"/>.
/// </summary>
public sealed partial class RotationLeases : IAsyncDisposable
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);

    private readonly RegionClusters _clusters;
    private readonly RotationSpec _spec;
    private readonly LeaseHolder _me;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<int, bool> _processAlive;
    private readonly Dictionary<string, LeaseRecord> _held = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stopRenewing = new();
    private Task? _renewing;
    private volatile bool _leftToSuccessor;

    public RotationLeases(RegionClusters clusters, RotationSpec spec, LeaseHolder me, TimeProvider time, ILogger logger, Func<int, bool>? processAlive = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _clusters = clusters;
        _spec = spec;
        _me = me;
        _time = time;
        _logger = logger;
        _processAlive = processAlive ?? IsAlive;
    }

    /// <summary>Cancelled when another holder took a region's Lease from this run.</summary>
    public CancellationToken Lost => _lost.Token;

    public string? LostReason { get; private set; }

    public string Name => LeaseName(_spec);

    public static string LeaseName(RotationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return $"{spec.CaSecret}-rotation";
    }

    /// <summary>Takes the Lease in every region, in order; null when all are held, else why not (and none is kept).</summary>
    public async Task<string?> AcquireAsync(bool forceTakeover, CancellationToken cancellationToken)
    {
        foreach (var region in _spec.Regions)
        {
            var refusal = await AcquireAsync(region.Name, forceTakeover, cancellationToken);
            if (refusal is not null)
            {
                await ReleaseAsync();
                return $"{region.Name}: {refusal}";
            }
        }

        _renewing = Task.Run(() => RenewAsync(_stopRenewing.Token), CancellationToken.None);
        return null;
    }

    /// <summary>
    /// Stops renewing at once and keeps the Leases from being released: a successor that holds them under the same
    /// name (the controller's next leader) goes on with them, and this process writes nothing more to any region.
    /// </summary>
    public void LeaveToSuccessor()
    {
        _leftToSuccessor = true;
        _stopRenewing.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopRenewing.CancelAsync();
        if (_renewing is not null)
        {
            await _renewing;
        }

        await ReleaseAsync();

        _stopRenewing.Dispose();
        _lost.Dispose();
    }

    private async Task<string?> AcquireAsync(string region, bool forceTakeover, CancellationToken cancellationToken)
    {
        var cluster = _clusters[region];
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var lease = await cluster.ReadLeaseAsync(Name, cancellationToken);
            var now = _time.GetUtcNow();
            if (LeaseDecision.Refusal(lease, _me, now, forceTakeover, _processAlive) is { } refusal)
            {
                return refusal;
            }

            var acquired = lease?.Holder == _me.ToString() ? lease.AcquireTime ?? now : now;
            var written = await cluster.WriteLeaseAsync(Name, new LeaseClaim(_me.ToString(), Duration, acquired, now), lease, cancellationToken);
            if (written is not null)
            {
                if (lease?.Holder is { Length: > 0 } previous && previous != _me.ToString())
                {
                    LogTakenOver(_logger, region, Name, previous);
                }

                _held[region] = written;
                return null;
            }
        }

        return $"Lease {Name} kept changing while it was being taken; another orchestrator is starting on this CA Secret";
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(RenewEvery, _time, stop);
                foreach (var region in _held.Keys.ToList())
                {
                    try
                    {
                        await RenewAsync(region, stop);
                    }
                    catch (ClusterException failure)
                    {
                        // Tried again at the next round; the Lease outlives a few missed renewals.
                        LogNotRenewed(_logger, region, Name, failure.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over; the Leases are released next.
        }
    }

    private async Task RenewAsync(string region, CancellationToken stop)
    {
        var cluster = _clusters[region];
        var held = _held[region];
        var now = _time.GetUtcNow();
        var renewed = await cluster.WriteLeaseAsync(Name, new LeaseClaim(_me.ToString(), Duration, held.AcquireTime ?? now, now), held, stop);
        if (renewed is not null)
        {
            _held[region] = renewed;
            return;
        }

        var current = await cluster.ReadLeaseAsync(Name, stop);
        if (current?.Holder == _me.ToString())
        {
            _held[region] = current;
            return;
        }

        _held.Remove(region);
        LostReason = $"{region}: Lease {Name} was taken over by {current?.Holder ?? "nobody (it was deleted)"}; this run stopped so that only one orchestrator changes the CA Secret";
        LogLost(_logger, region, Name, current?.Holder);
        await _lost.CancelAsync();
    }

    private async Task ReleaseAsync()
    {
        if (_leftToSuccessor)
        {
            return;
        }

        foreach (var (region, held) in _held.ToList())
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10), _time);
            try
            {
                var now = _time.GetUtcNow();
                await _clusters[region].WriteLeaseAsync(Name, new LeaseClaim(null, Duration, held.AcquireTime ?? now, now), held, limit.Token);
            }
            catch (Exception failure) when (failure is OperationCanceledException or ClusterException)
            {
                // Not released: it lapses by itself within its duration.
                LogNotReleased(_logger, region, Name, failure.Message);
            }

            _held.Remove(region);
        }
    }

    /// <summary>Whether a process of this host is running (a dead holder here needs no waiting for its Lease to lapse).</summary>
    public static bool IsAlive(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "{Region}: took over Lease {Lease} from {Previous}")]
    private static partial void LogTakenOver(ILogger logger, string region, string lease, string previous);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "{Region}: Lease {Lease} lost to {Holder}")]
    private static partial void LogLost(ILogger logger, string region, string lease, string? holder);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "{Region}: Lease {Lease} not renewed ({Reason})")]
    private static partial void LogNotRenewed(ILogger logger, string region, string lease, string reason);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "{Region}: Lease {Lease} not released ({Reason}); it lapses by itself")]
    private static partial void LogNotReleased(ILogger logger, string region, string lease, string reason);
}
