namespace Orchestrator.Core.Cluster;

/// <summary>What to write into a Lease: the holder (null to release it), its duration and times.</summary>
public sealed record LeaseClaim(string? Holder, TimeSpan Duration, DateTimeOffset AcquireTime, DateTimeOffset RenewTime);
