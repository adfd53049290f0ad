namespace Orchestrator.Crypto.NodeTls;

/// <summary>One trusted-certificate entry of a truststore.</summary>
public sealed record TrustedCertificate(string Alias, string CertificatePem);
