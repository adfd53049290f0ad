using System.Text.Json.Serialization;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Output;

/// <summary>A CA as <c>status --output json</c> identifies it; never its key.</summary>
internal sealed record CaView(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("sha256Fingerprint")] string Sha256Fingerprint,
    [property: JsonPropertyName("notAfter")] string NotAfter)
{
    public static CaView? Of(CaMaterial? ca) => ca is null ? null : new(ca.Subject, ca.Sha256Fingerprint, Times.Iso(ca.NotAfter)!);
}
