using Orchestrator.Crypto;

namespace Orchestrator.Core.Verification;

/// <summary>The node TLS Secret the operator generated, held against the CA Secret it should come from.</summary>
/// <param name="Secret">The node TLS Secret's name.</param>
/// <param name="Certificate">Its <c>tls.crt</c>; null when missing or unreadable.</param>
/// <param name="SignedBy">The CA Secret entry whose CA signed <c>tls.crt</c>; null when none did.</param>
/// <param name="TruststoreComplete">Whether <c>truststore.p12</c> could be read and holds every CA of every <c>*.crt</c> entry.</param>
/// <param name="Missing">CAs of the CA Secret's <c>*.crt</c> entries that the truststore lacks.</param>
/// <param name="Extra">CAs the truststore holds that no <c>*.crt</c> entry does.</param>
/// <param name="Problems">Each way the node Secret does not match the CA Secret.</param>
public sealed record NodeTlsReport(
    string Secret,
    CertificateDetails? Certificate,
    string? SignedBy,
    bool TruststoreComplete,
    IReadOnlyList<TrustAnchor> Missing,
    IReadOnlyList<TrustAnchor> Extra,
    IReadOnlyList<string> Problems);
