using Orchestrator.Core.Cassandra;
using Orchestrator.Crypto;

namespace Orchestrator.Core.Verification;

/// <summary>One entry of the CA Secret that the operator reads: <c>ca.crt</c>, <c>ca.key</c> or an extra <c>*.crt</c>.</summary>
/// <param name="Certificates">What a certificate entry holds, in order (a bundle holds several); empty for <c>ca.key</c> or when unreadable.</param>
/// <param name="KeyMatches">For <c>ca.key</c>: whether it is the private key of <c>ca.crt</c>; null for certificates, or when either cannot be read.</param>
/// <param name="Problem">Why the entry cannot be read; it never quotes the entry.</param>
public sealed record CaEntry(string Key, IReadOnlyList<CertificateDetails> Certificates, bool? KeyMatches, string? Problem)
{
    /// <summary>The entry's first certificate: the one the operator signs with when this is <c>ca.crt</c>.</summary>
    public CertificateDetails? Certificate => Certificates.Count > 0 ? Certificates[0] : null;

    /// <summary>Whether the operator trusts the entry (its key matches <c>^.*.crt</c>).</summary>
    public bool IsTrusted => TrustedEntries.IsTrusted(Key);

    /// <summary>"ca2.crt (O=ca2)", or the key alone when it holds no readable certificate.</summary>
    public string Label => Certificate is { } certificate ? $"{Key} ({certificate.Subject})" : Key;
}
