using System.Text;
using k8s.Models;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Crypto.Authority;
using Orchestrator.Crypto.NodeTls;
using Orchestrator.Simulator.Faults;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Cli.Tests.Verification;

/// <summary>A region that does not match its CA Secret: <c>verify</c> exits 1 naming the region and what is wrong.</summary>
public sealed class VerifyMismatchTests
{
    private const string NodeSecret = "example-cluster-cluster-tls-node";

    [Fact]
    public async Task Verify_NodeSecretsTampered_Exits1NamingEachRegionAndProblem()
    {
        await using var clusters = await SimulatedClusters.StartAsync(2, pods: 1);
        var spec = clusters.WriteSpec();
        var ca = clusters.SecretData("region1");

        // region1: a node certificate signed by a CA the Secret does not hold; region2: the right signer, an empty truststore.
        var foreign = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("intruder", 2048), TimeProvider.System);
        ReplaceNodeSecret(clusters, "region1", NodeTlsIssuer.Issue(foreign.CertificatePem, foreign.PrivateKeyPem, [ca["ca.crt"]], "example-cluster-cassandra", ["*.example"], TimeProvider.System), ca["ca.crt"]);
        var region2Ca = clusters.SecretData("region2");
        ReplaceNodeSecret(clusters, "region2", NodeTlsIssuer.Issue(region2Ca["ca.crt"], region2Ca["ca.key"], [], "example-cluster-cassandra", ["*.example"], TimeProvider.System), region2Ca["ca.crt"]);

        var verify = await Verification.RunAsync(clusters, spec, expectedExit: 1);

        Assert.Equal(("none", true, false), (verify.Json["phase"]!.GetValue<string>(), verify.Json["consistent"]!.GetValue<bool>(), verify.Json["ok"]!.GetValue<bool>()));
        var regions = Verification.Regions(verify);
        var region1 = regions[0]["nodeTls"]!;
        Assert.Null(region1["signedBy"]);
        Assert.Equal("O=intruder", region1["issuer"]!.GetValue<string>());
        Assert.False(region1["matches"]!.GetValue<bool>());
        var region2 = regions[1]["nodeTls"]!;
        Assert.Equal(("ca.crt", false, false), (region2["signedBy"]!.GetValue<string>(), region2["truststoreComplete"]!.GetValue<bool>(), region2["matches"]!.GetValue<bool>()));
        Assert.Equal("ca.crt", Assert.Single(region2["truststoreMissing"]!.AsArray())!["name"]!.GetValue<string>());
        var problems = verify.Json["problems"]!.AsArray().Select(problem => problem!.GetValue<string>()).ToList();
        Assert.Contains(problems, problem => problem.StartsWith("region1: ", StringComparison.Ordinal) && problem.Contains("signed by none of the CA Secret's CAs (its issuer is O=intruder)", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("region2: ", StringComparison.Ordinal) && problem.Contains("truststore.p12 lacks the CA of ca.crt (O=ca1", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, problem => problem.StartsWith("region1: ", StringComparison.Ordinal) && problem.Contains("truststore", StringComparison.Ordinal));

        var text = await Verification.RunAsync(clusters, spec, expectedExit: 1, output: "text");
        Assert.Contains("Verdict: FAILED: every region is in phase none", text.Outcome.Output, StringComparison.Ordinal);
        Assert.Contains("  - region1: node TLS Secret example-cluster-cluster-tls-node: tls.crt (CN=example-cluster-cassandra) is signed by none", text.Outcome.Output, StringComparison.Ordinal);
        Assert.Contains("  - region2: node TLS Secret example-cluster-cluster-tls-node: truststore.p12 lacks the CA of ca.crt", text.Outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OperatorHasNotActedOnTheSecret_Exits1SayingSo()
    {
        await using var clusters = await SimulatedClusters.StartAsync(2, pods: 1);
        var spec = clusters.WriteSpec();
        clusters.Faults("region2").Replace(new FaultSettings { OperatorPaused = true });

        // The same key, written differently: the data (and so its checksum) change, the CAs do not.
        clusters.ChangeSecret("region2", data => data["ca.key"] = [.. data["ca.key"], .. "\n"u8]);
        var verify = await Verification.RunAsync(clusters, spec, expectedExit: 1);

        Assert.Equal(("none", true, false), (verify.Json["phase"]!.GetValue<string>(), verify.Json["consistent"]!.GetValue<bool>(), verify.Json["ok"]!.GetValue<bool>()));
        Assert.Equal([true, false], Verification.Regions(verify).Select(region => region["operatorAcknowledged"]!.GetValue<bool>()));
        var problem = Assert.Single(verify.Json["problems"]!.AsArray())!.GetValue<string>();
        Assert.StartsWith("region2: the operator has not acknowledged the CA Secret's current data", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_BadInput_Exits2WithOneLineAndWritesNothing()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 1);
        var wrongSecret = Path.Combine(clusters.Directory, "wrong-secret.yaml");
        await File.WriteAllTextAsync(wrongSecret, (await File.ReadAllTextAsync(clusters.WriteSpec(), TestContext.Current.CancellationToken)).Replace(SimulatedClusters.CaSecret, "no-such-secret", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var missing = await Verification.RunAsync(clusters, wrongSecret, expectedExit: 2);
        var unreadable = await Verification.RunAsync(clusters, Path.Combine(clusters.Directory, "no-such-spec.yaml"), expectedExit: 2);

        Assert.Equal("error: region1: Secret anton/no-such-secret not found; check caSecret and namespace in the spec", missing.Outcome.Error.Trim());
        Assert.Empty(missing.Outcome.Output);
        Assert.StartsWith("error: ", unreadable.Outcome.Error, StringComparison.Ordinal);
        Assert.Single(unreadable.Outcome.Error.Trim().Split('\n'));
    }

    /// <summary>Replaces the node TLS Secret's data as someone with kubectl could; the operator leaves it as it is.</summary>
    private static void ReplaceNodeSecret(SimulatedClusters clusters, string region, NodeTlsMaterial material, string caCertificate) =>
        clusters.Store(region).Modify(ResourceTypes.Secrets, SimulatedClusters.Namespace, NodeSecret, existing =>
        {
            var secret = existing.As<V1Secret>();
            secret.Data = new Dictionary<string, byte[]>
            {
                ["ca.crt"] = Encoding.UTF8.GetBytes(caCertificate),
                ["tls.crt"] = Encoding.UTF8.GetBytes(material.CertificatePem),
                ["tls.key"] = Encoding.UTF8.GetBytes(material.PrivateKeyPem),
                ["keystore.p12"] = material.Keystore,
                ["keystore.password"] = Encoding.UTF8.GetBytes(material.KeystorePassword),
                ["truststore.p12"] = material.Truststore,
                ["truststore.password"] = Encoding.UTF8.GetBytes(material.TruststorePassword),
            };
            return secret;
        });
}
