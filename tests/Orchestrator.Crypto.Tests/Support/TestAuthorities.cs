using Orchestrator.Crypto.Authority;
using Orchestrator.Crypto.NodeTls;
using Orchestrator.Crypto.Tests.Support;

[assembly: AssemblyFixture(typeof(TestAuthorities))]

namespace Orchestrator.Crypto.Tests.Support;

/// <summary>
/// Keys made once per test run (key generation is the slow part), all 2048-bit and issued at <see cref="IssuedAt"/>:
/// two CAs that share the subject O=ca1, as in the operator's alias-collision warning, a second-generation CA,
/// and a node issued by the first CA during the rotation's first phase (trusting both CAs).
/// </summary>
public sealed class TestAuthorities
{
    public const string NodeCommonName = "example-cluster-cassandra-dc1-0";

    public static readonly DateTimeOffset IssuedAt = new(2026, 1, 15, 8, 30, 0, TimeSpan.Zero);

    public TestAuthorities()
    {
        Ca1 = Generate("ca1");
        Ca1Twin = Generate("ca1");
        Ca2 = Generate("ca2");
        Ca1Node = NodeTlsIssuer.Issue(
            Ca1.CertificatePem,
            Ca1.PrivateKeyPem,
            [Ca1.CertificatePem, Ca2.CertificatePem],
            NodeCommonName,
            NodeDnsNames,
            Clock);
    }

    public static TimeProvider Clock { get; } = new FixedTimeProvider(IssuedAt);

    public static IReadOnlyList<string> NodeDnsNames { get; } =
        ["example-cluster-cassandra-dc1-0.example-cluster-cassandra-dc1.anton.svc.cluster.local", "localhost"];

    public PemKeyPair Ca1 { get; }

    /// <summary>Another CA whose subject is also O=ca1: the same truststore alias as <see cref="Ca1"/>.</summary>
    public PemKeyPair Ca1Twin { get; }

    public PemKeyPair Ca2 { get; }

    public NodeTlsMaterial Ca1Node { get; }

    private static PemKeyPair Generate(string alias) =>
        CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions(alias, KeySize: 2048), Clock);
}
