namespace Orchestrator.Core.Verification;

/// <summary>A CA certificate on one side of the truststore comparison.</summary>
/// <param name="Name">The CA Secret entry that holds it (for one missing from the truststore), or its truststore alias (for one the CA Secret lacks).</param>
public sealed record TrustAnchor(string Name, string Subject, string Sha256)
{
    public override string ToString() => $"{Name} ({Subject}, SHA-256 {Sha256})";
}
