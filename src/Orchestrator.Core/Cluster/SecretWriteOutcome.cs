namespace Orchestrator.Core.Cluster;

/// <summary>How a conditional replace of the CA Secret ended.</summary>
/// <param name="Written">True when the data was stored; false on a conflict (the Secret changed since it was read).</param>
/// <param name="ResourceVersion">The Secret's new resource version when written.</param>
public sealed record SecretWriteOutcome(bool Written, string? ResourceVersion)
{
    public static readonly SecretWriteOutcome Conflict = new(false, null);
}
