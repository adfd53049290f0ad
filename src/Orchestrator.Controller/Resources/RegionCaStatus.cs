namespace Orchestrator.Controller.Resources;

/// <summary>One region's <c>ca.crt</c> as the schedule last read it, or why it could not.</summary>
/// <param name="NotAfter">ISO 8601 UTC.</param>
/// <param name="Problem">Why the region's CA is not known (Secret missing, unreadable, region unreachable).</param>
public sealed record RegionCaStatus(
    string Name,
    string? Subject = null,
    string? Sha256Fingerprint = null,
    string? NotAfter = null,
    string? Problem = null);
