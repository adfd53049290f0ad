using Orchestrator.Core.Cluster;

namespace Orchestrator.Core.Leases;

/// <summary>
/// Whether a rotation may take a region's Lease. A live holder is never displaced. A holder that stopped renewing
/// is taken over only by the same rotation (resume), or by a new one that was told to (--force-takeover); on the
/// same host, a holder whose process is gone is known dead without waiting for its Lease to lapse.
/// </summary>
public static class LeaseDecision
{
    /// <summary>Null when the Lease may be taken; otherwise why not, in words for the user.</summary>
    public static string? Refusal(LeaseRecord? lease, LeaseHolder me, DateTimeOffset now, bool forceTakeover, Func<int, bool> processAlive)
    {
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(processAlive);
        if (lease?.ExpiresAt is not { } expires || lease.Holder == me.ToString())
        {
            return null;
        }

        var holder = LeaseHolder.Parse(lease.Holder);
        var expired = now >= expires;
        var deadHere = holder is not null && holder.Host == me.Host && !processAlive(holder.ProcessId);
        if (holder?.RotationId == me.RotationId && (expired || deadHere))
        {
            return null;
        }

        if (holder?.RotationId != me.RotationId && forceTakeover && (expired || deadHere))
        {
            return null;
        }

        var when = expired
            ? $"its lease expired at {expires:u} (the holder stopped renewing)"
            : $"its lease expires at {expires:u} unless renewed";
        var advice = holder?.RotationId == me.RotationId
            ? "another process is running this rotation; wait for it, or stop it"
            : expired
                ? "if that orchestrator is gone for good, start again with --force-takeover"
                : "another orchestrator is rotating this CA Secret; wait for it to finish";
        return $"Lease {lease.Name} is held by {lease.Holder}: {when}; {advice}";
    }
}
