namespace Orchestrator.Core.Cluster;

/// <summary>A coordination.k8s.io Lease as read: who holds it, since when, until when unless renewed.</summary>
public sealed record LeaseRecord(
    string Name,
    string? Holder,
    TimeSpan Duration,
    DateTimeOffset? AcquireTime,
    DateTimeOffset? RenewTime,
    string ResourceVersion)
{
    /// <summary>When the holder's claim lapses if it does not renew; null when nobody holds it.</summary>
    public DateTimeOffset? ExpiresAt => string.IsNullOrEmpty(Holder) ? null : (RenewTime ?? AcquireTime) + Duration;
}
