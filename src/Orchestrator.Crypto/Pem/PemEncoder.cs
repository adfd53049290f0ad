using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Utilities.IO.Pem;
using Org.BouncyCastle.X509;
using PemWriter = Org.BouncyCastle.OpenSsl.PemWriter;

namespace Orchestrator.Crypto.Pem;

internal static class PemEncoder
{
    public static string Certificate(X509Certificate certificate) => Write(writer => writer.WriteObject(certificate));

    /// <summary>"-----BEGIN RSA PRIVATE KEY-----", what <c>openssl genrsa</c> of OpenSSL 1.x writes.</summary>
    public static string Pkcs1PrivateKey(RsaPrivateCrtKeyParameters privateKey) => Write(writer => writer.WriteObject(privateKey));

    /// <summary>"-----BEGIN PRIVATE KEY-----", unencrypted PKCS#8.</summary>
    public static string Pkcs8PrivateKey(AsymmetricKeyParameter privateKey) =>
        Write(writer => writer.WriteObject((PemObjectGenerator)new Pkcs8Generator(privateKey)));

    private static string Write(Action<PemWriter> write)
    {
        using var text = new StringWriter();
        text.NewLine = "\n";
        using (var writer = new PemWriter(text))
        {
            write(writer);
        }

        return text.ToString();
    }
}
