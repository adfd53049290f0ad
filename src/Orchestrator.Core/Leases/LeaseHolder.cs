using System.Globalization;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Leases;

/// <summary>Who holds a rotation's Lease: the rotation, the host and the process, written <c>rotation@host:pid</c>.</summary>
public sealed record LeaseHolder(RotationId RotationId, string Host, int ProcessId)
{
    public static LeaseHolder Current(RotationId rotationId) => new(rotationId, Environment.MachineName, Environment.ProcessId);

    /// <summary>The holder a Lease names, or null when it is not one of ours (another tool's identity).</summary>
    public static LeaseHolder? Parse(string? identity)
    {
        if (string.IsNullOrEmpty(identity))
        {
            return null;
        }

        var at = identity.IndexOf('@', StringComparison.Ordinal);
        var colon = identity.LastIndexOf(':');
        return at > 0 && colon > at + 1
            && RotationId.TryParse(identity[..at], out var rotationId)
            && int.TryParse(identity.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? new LeaseHolder(rotationId, identity[(at + 1)..colon], pid)
            : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{RotationId}@{Host}:{ProcessId}");
}
