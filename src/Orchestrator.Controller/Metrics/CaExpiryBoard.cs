using System.Collections.Concurrent;

namespace Orchestrator.Controller.Metrics;

/// <summary>
/// The end of validity of every CA entry of every CA Secret the controller watches, as last read: what
/// <c>orchestrator_ca_certificate_expiration_timestamp_seconds</c> reports, whether or not a rotation runs.
/// </summary>
public sealed class CaExpiryBoard
{
    private readonly ConcurrentDictionary<(string Cluster, string Region, string Secret), IReadOnlyList<CaEntryExpiry>> _secrets = new();

    /// <summary>Replaces what is known of one region's CA Secret (an empty list when it is gone).</summary>
    public void Publish(string cluster, string region, string secret, IReadOnlyList<CaEntryExpiry> entries)
    {
        if (entries.Count == 0)
        {
            _secrets.TryRemove((cluster, region, secret), out _);
        }
        else
        {
            _secrets[(cluster, region, secret)] = entries;
        }
    }

    /// <summary>Forgets a region's CA Secret (no longer watched).</summary>
    public void Forget(string cluster, string region, string secret) => _secrets.TryRemove((cluster, region, secret), out _);

    public IReadOnlyList<CaExpiryReading> Snapshot() =>
        [.. _secrets.SelectMany(pair => pair.Value.Select(entry => new CaExpiryReading(pair.Key.Cluster, pair.Key.Region, pair.Key.Secret, entry.Entry, entry.NotAfter)))];
}

/// <summary>One certificate entry of a CA Secret (<c>ca.crt</c>, <c>ca2.crt</c>, …) and when it expires.</summary>
public sealed record CaEntryExpiry(string Entry, DateTimeOffset NotAfter);

public sealed record CaExpiryReading(string Cluster, string Region, string Secret, string Entry, DateTimeOffset NotAfter);
