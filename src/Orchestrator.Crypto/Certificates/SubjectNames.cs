using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Orchestrator.Crypto.Certificates;

internal static class SubjectNames
{
    /// <summary>RFC 2253 form: most specific attribute first, e.g. <c>CN=node,O=org</c>.</summary>
    public static string Format(X509Name name) => name.ToString(reverse: true, X509Name.RFC2253Symbols);

    /// <summary>The first O attribute: the CA alias that <c>utils/tls.sh create-ca-keypair</c> asks for.</summary>
    public static string? Organization(X509Name name) => name.GetValueList(X509Name.O).FirstOrDefault();

    /// <summary>A one-attribute name built from the value itself, so commas or plus signs in it are not parsed as syntax.</summary>
    public static X509Name Single(DerObjectIdentifier attribute, string value) =>
        new([attribute], [value]);
}
