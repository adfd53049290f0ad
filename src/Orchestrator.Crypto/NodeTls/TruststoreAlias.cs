using System.Globalization;
using Orchestrator.Crypto.Certificates;
using Org.BouncyCastle.X509;

namespace Orchestrator.Crypto.NodeTls;

internal static class TruststoreAlias
{
    /// <summary>
    /// The subject's O value, else the whole subject, lowercased as Java's keystores do. Two CAs with the same
    /// O therefore share an alias: the collision the operator's "aliases must differ" warning is about.
    /// </summary>
    public static string Of(X509Certificate certificate) =>
        (SubjectNames.Organization(certificate.SubjectDN) ?? SubjectNames.Format(certificate.SubjectDN))
            .ToLower(CultureInfo.InvariantCulture);
}
