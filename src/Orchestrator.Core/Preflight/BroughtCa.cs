using Orchestrator.Crypto;

namespace Orchestrator.Core.Preflight;

/// <summary>A CA the user brings, already read; the sources name where each half came from, for messages.</summary>
/// <param name="CertificateSource">Such as <c>Secret ns/name entry tls.crt</c>.</param>
public sealed record BroughtCa(PemKeyPair Pair, string CertificateSource, string KeySource);
