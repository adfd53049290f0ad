using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Orchestrator.Crypto;
using Orchestrator.Crypto.Authority;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Orchestrator.Benchmarks.Micro;

/// <summary>
/// The new CA's key: BouncyCastle's own generator against the platform's (OpenSSL on Linux) handed to BouncyCastle,
/// which then builds and signs the same certificate from either. The whole CA is what <c>generate-ca</c> costs.
/// </summary>
[Config(typeof(SlowOperationConfig))]
public class CaGenerationBenchmarks
{
    [Params(2048, 4096)]
    public int KeySize { get; set; }

    [Benchmark(Baseline = true)]
    public AsymmetricCipherKeyPair BouncyCastleKey()
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), new SecureRandom(), KeySize, 100));
        return generator.GenerateKeyPair();
    }

    [Benchmark]
    public AsymmetricCipherKeyPair PlatformKey()
    {
        using var rsa = RSA.Create(KeySize);
        return DotNetUtilities.GetRsaKeyPair(rsa.ExportParameters(includePrivateParameters: true));
    }

    [Benchmark]
    public PemKeyPair WholeCa() => CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca2", KeySize), TimeProvider.System);
}
