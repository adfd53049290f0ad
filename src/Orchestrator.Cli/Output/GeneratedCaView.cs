using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Output;

/// <summary>What <c>generate-ca --output json</c> prints: the certificate's facts and where the files are, never the key.</summary>
internal sealed record GeneratedCaView(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("alias")] string? Alias,
    [property: JsonPropertyName("sha256Fingerprint")] string Sha256Fingerprint,
    [property: JsonPropertyName("notBefore")] string NotBefore,
    [property: JsonPropertyName("notAfter")] string NotAfter,
    [property: JsonPropertyName("keySize")] int KeySize,
    [property: JsonPropertyName("certificateFile")] string CertificateFile,
    [property: JsonPropertyName("keyFile")] string KeyFile);
