using System.Text;
using k8s.Models;
using Orchestrator.Crypto;
using Orchestrator.Crypto.Certificates;
using Orchestrator.Crypto.NodeTls;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Trust;

/// <summary>
/// What a Cassandra node presents and accepts, read from the node TLS Secret it started with: its certificate
/// (<c>tls.crt</c>) and the CAs in its <c>truststore.p12</c>, exactly as the JVM would load them.
/// </summary>
internal sealed class TrustMaterial
{
    private TrustMaterial(string? certificatePem, string certificateIssuer, IReadOnlyList<TrustedCertificate> trusted, string? problem)
    {
        CertificatePem = certificatePem;
        CertificateIssuer = certificateIssuer;
        Trusted = trusted;
        Problem = problem;
    }

    public string? CertificatePem { get; }

    public string CertificateIssuer { get; }

    public IReadOnlyList<TrustedCertificate> Trusted { get; }

    /// <summary>Why this material cannot take part in TLS at all (unreadable Secret), or null.</summary>
    public string? Problem { get; }

    public string TrustedSubjects => Trusted.Count == 0
        ? "nothing"
        : string.Join(", ", Trusted.Select(entry => PemCertificates.Describe(entry.CertificatePem).Subject));

    public static TrustMaterial From(V1Secret nodeSecret)
    {
        var data = nodeSecret.Data ?? new Dictionary<string, byte[]>();
        try
        {
            var certificate = Encoding.UTF8.GetString(data.Find("tls.crt") ?? throw new CryptoInputException("tls.crt is missing"));
            var truststore = data.Find("truststore.p12") ?? throw new CryptoInputException("truststore.p12 is missing");
            var password = Encoding.UTF8.GetString(data.Find("truststore.password") ?? throw new CryptoInputException("truststore.password is missing"));
            var issuer = PemCertificates.Describe(certificate).Issuer;
            return new TrustMaterial(certificate, issuer, Truststores.ReadTrustedCertificates(truststore, password), null);
        }
        catch (CryptoInputException unreadable)
        {
            return new TrustMaterial(null, string.Empty, [], $"node TLS Secret {nodeSecret.Metadata.Name} is unusable: {unreadable.Message}");
        }
    }

    /// <summary>Whether a peer presenting <paramref name="peer"/>'s certificate passes this node's truststore at <paramref name="now"/>.</summary>
    /// <param name="isSignedBy">Whether a certificate (first) is signed by a CA (second), both PEM.</param>
    public bool Accepts(TrustMaterial peer, DateTimeOffset now, Func<string, string, bool> isSignedBy) =>
        peer.CertificatePem is { } certificate
        && PemCertificates.IsValidAt(certificate, now)
        && Trusted.Any(ca => PemCertificates.IsValidAt(ca.CertificatePem, now) && isSignedBy(certificate, ca.CertificatePem));
}
