using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Cassandra;
using Orchestrator.Crypto.Authority;
using Orchestrator.Simulator.Faults;
using Orchestrator.Simulator.Storage;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace Orchestrator.Cli.Tests.BadInput;

/// <summary>
/// The CA Secret mangled in one region (changed in the simulator's store, with that region's operator paused so that
/// it does not act on it, and put back after each case): each refused by preflight with exit 2 and one line naming
/// the region, the Secret and what is wrong with it, and nothing changed.
/// </summary>
public sealed class MangledSecretTests(RefusalFixture fixture) : IClassFixture<RefusalFixture>
{
    private const string Where = $"Secret {SimulatedClusters.Namespace}/{SimulatedClusters.CaSecret}";
    private const string NodeSecret = "example-cluster-cluster-tls-node";

    [Theory]
    [InlineData("no-ca.key", "region1", "has no ca.key entry")]
    [InlineData("no-ca.crt", "region1", "has no ca.crt entry")]
    [InlineData("empty-data", "region1", "has no ca.crt entry")]
    [InlineData("key-of-another-ca", "region1", ": ca.key is not the private key of ")]
    [InlineData("garbage-pem-in-ca.crt", "region1", ": ca.crt cannot be read: ")]
    [InlineData("garbage-bytes-in-ca.crt", "region1", ": ca.crt cannot be read: ")]
    [InlineData("empty-ca.crt", "region1", ": ca.crt cannot be read: Certificate is empty")]
    [InlineData("entries-swapped", "region1", ": ca.crt cannot be read: Certificate is not a certificate: found a private key")]
    [InlineData("garbage-pem-in-ca.key", "region1", ": ca.key cannot be read: ")]
    [InlineData("garbage-bytes-in-ca.key", "region1", ": ca.key cannot be read: ")]
    [InlineData("encrypted-pkcs8-key", "region1", ": ca.key cannot be read: ", "encrypted with a passphrase")]
    [InlineData("encrypted-openssl-key", "region1", ": ca.key cannot be read: ", "encrypted with a passphrase")]
    [InlineData("node-certificate", "region1", ": ca.crt (", "is not a CA certificate")]
    [InlineData("expired-ca", "region1", ": ca.crt (O=expired) is not valid now: valid from ")]
    [InlineData("not-yet-valid-ca", "region1", ": ca.crt (O=future) is not valid now: valid from ")]
    [InlineData("extra-other.crt", "region1", " already has an extra CA entry (other.crt)")]
    [InlineData("extra-x.crt.bak", "region2", " already has an extra CA entry (x.crt.bak)")]
    [InlineData("another-ca", "region2", " holds a different ca.crt (O=elsewhere", "than region1 (O=ca1")]
    public async Task StartRotation_MangledCaSecret_Exit2NamingRegionAndSecretNothingChanged(string mangling, string region, params string[] expected)
    {
        var original = fixture.Clusters.Store(region).Get(ResourceTypes.Secrets, SimulatedClusters.Namespace, SimulatedClusters.CaSecret)!
            .As<V1Secret>().Data.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray());
        fixture.Clusters.Faults(region).Replace(new FaultSettings { OperatorPaused = true });
        try
        {
            ChangeSecret(region, data => Mangle(mangling, region, data));

            await fixture.AssertRefusedAsync(
                ["start-rotation", "--spec", fixture.Clusters.WriteSpec(), "--state", fixture.StatePath],
                [$"error: {region}: {Where}", .. expected]);
        }
        finally
        {
            ChangeSecret(region, data =>
            {
                data.Clear();
                foreach (var (key, value) in original)
                {
                    data[key] = value;
                }
            });
            fixture.Clusters.Faults(region).Replace(FaultSettings.None);
        }

        // Put back byte for byte, so the operator, resumed, finds its checksum matching and has nothing to do.
        var restored = fixture.Clusters.Store(region).Get(ResourceTypes.Secrets, SimulatedClusters.Namespace, SimulatedClusters.CaSecret)!.As<V1Secret>();
        Assert.Equal(original, restored.Data);
        Assert.Equal(SecretChecksum.Compute(restored.Data.AsReadOnly()), restored.Metadata.Annotations[SecretChecksum.AnnotationName]);
    }

    /// <summary>The Secret is named once, and the certificate the key does not match by its entry alone.</summary>
    [Fact]
    public Task StartRotation_KeyOfAnotherCa_NamesTheSecretOnce() =>
        StartRotation_MangledCaSecret_Exit2NamingRegionAndSecretNothingChanged(
            "key-of-another-ca",
            "region1",
            $"error: region1: {Where}: ca.key is not the private key of ca.crt (O=ca1); they must be a pair");

    private void Mangle(string mangling, string region, IDictionary<string, byte[]> data)
    {
        var certificate = Encoding.UTF8.GetString(data["ca.crt"]);
        var key = Encoding.UTF8.GetString(data["ca.key"]);
        switch (mangling)
        {
            case "no-ca.key":
                data.Remove("ca.key");
                break;
            case "no-ca.crt":
                data.Remove("ca.crt");
                break;
            case "empty-data":
                data.Clear();
                break;
            case "key-of-another-ca":
                data["ca.key"] = Encoding.UTF8.GetBytes(Generate("other").PrivateKeyPem);
                break;
            case "garbage-pem-in-ca.crt":
                data["ca.crt"] = Encoding.UTF8.GetBytes("-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGUsIGp1c3QgdGV4dA==\n-----END CERTIFICATE-----\n");
                break;
            case "garbage-bytes-in-ca.crt":
                data["ca.crt"] = Garbage(4096);
                break;
            case "empty-ca.crt":
                data["ca.crt"] = [];
                break;
            case "entries-swapped":
                (data["ca.crt"], data["ca.key"]) = (data["ca.key"], data["ca.crt"]);
                break;
            case "garbage-pem-in-ca.key":
                {
                    // The Secret's own key cut short: the right armour around a body that does not parse.
                    var armoured = key.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                    data["ca.key"] = Encoding.UTF8.GetBytes($"{armoured[0]}\n{armoured[1]}\n{armoured[^1]}\n");
                    break;
                }
            case "garbage-bytes-in-ca.key":
                data["ca.key"] = Garbage(2048);
                break;
            case "encrypted-pkcs8-key":
                using (var rsa = RSA.Create())
                {
                    rsa.ImportFromPem(key);
                    data["ca.key"] = Encoding.UTF8.GetBytes(rsa.ExportEncryptedPkcs8PrivateKeyPem("passphrase", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)));
                }

                break;
            case "encrypted-openssl-key":
                data["ca.key"] = Encoding.UTF8.GetBytes(OpenSslEncrypted(key, "passphrase"));
                break;
            case "node-certificate":
                var node = fixture.Clusters.Store(region).Get(ResourceTypes.Secrets, SimulatedClusters.Namespace, NodeSecret)!.As<V1Secret>().Data;
                data["ca.crt"] = node["tls.crt"];
                data["ca.key"] = node["tls.key"];
                break;
            case "expired-ca":
                var now = TimeProvider.System.GetUtcNow();
                (data["ca.crt"], data["ca.key"]) = SelfSignedCa("expired", now.AddYears(-2), now.AddDays(-1), pkcs8: false);
                break;
            case "not-yet-valid-ca":
                var later = TimeProvider.System.GetUtcNow().AddDays(30);
                (data["ca.crt"], data["ca.key"]) = SelfSignedCa("future", later, later.AddYears(10), pkcs8: true);
                break;
            case "extra-other.crt":
                data["other.crt"] = Encoding.UTF8.GetBytes(certificate);
                break;
            case "extra-x.crt.bak":
                // Not a .crt file to a person, but the operator's ^.*.crt trusts it all the same.
                data["x.crt.bak"] = Encoding.UTF8.GetBytes(Generate("ca9").CertificatePem);
                break;
            case "another-ca":
                var elsewhere = Generate("elsewhere");
                data["ca.crt"] = Encoding.UTF8.GetBytes(elsewhere.CertificatePem);
                data["ca.key"] = Encoding.UTF8.GetBytes(elsewhere.PrivateKeyPem);
                break;
            default:
                throw new ArgumentException($"no mangling '{mangling}'", nameof(mangling));
        }
    }

    private static Crypto.PemKeyPair Generate(string alias) =>
        CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions(alias, 2048), TimeProvider.System);

    private static byte[] Garbage(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The key as OpenSSL 1.x's <c>openssl rsa -aes256</c> writes it: "Proc-Type: 4,ENCRYPTED" and a DEK-Info header.</summary>
    private static string OpenSslEncrypted(string keyPem, string passphrase)
    {
        using var reader = new StringReader(keyPem);
        var key = new PemReader(reader).ReadObject();
        using var text = new StringWriter();
        var writer = new PemWriter(text);
        writer.WriteObject(new MiscPemGenerator(key, "AES-256-CBC", passphrase.ToCharArray(), new SecureRandom()));
        writer.Writer.Flush();
        return text.ToString();
    }

    /// <summary>A self-signed CA (basicConstraints CA:TRUE) valid only between the two times given.</summary>
    private static (byte[] Certificate, byte[] Key) SelfSignedCa(string organization, DateTimeOffset notBefore, DateTimeOffset notAfter, bool pkcs8)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"O={organization}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        var key = pkcs8 ? rsa.ExportPkcs8PrivateKeyPem() : rsa.ExportRSAPrivateKeyPem();
        return (Encoding.UTF8.GetBytes(certificate.ExportCertificatePem()), Encoding.UTF8.GetBytes(key));
    }

    private void ChangeSecret(string region, Action<IDictionary<string, byte[]>> change) =>
        fixture.Clusters.Store(region).Modify(ResourceTypes.Secrets, SimulatedClusters.Namespace, SimulatedClusters.CaSecret, existing =>
        {
            var secret = existing.As<V1Secret>();
            secret.Data ??= new Dictionary<string, byte[]>();
            change(secret.Data);
            return secret;
        });
}
