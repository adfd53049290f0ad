using Orchestrator.Cli.Tests.Support;
using Orchestrator.Crypto.Authority;
using Orchestrator.Crypto.Certificates;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.EndToEnd;

public sealed class DemoAndSuppliedCaTests
{
    [Fact]
    public async Task Demo_RunsAWholeRotationAndExits0()
    {
        using var directory = new TemporaryDirectory();
        var state = directory.File("demo.db");

        var outcome = await OrchestratorProcess.RunAsync(["demo", "--state", state], timeout: TimeSpan.FromMinutes(3));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("[7/7] wait-rollout region1: Succeeded", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("Trust checker: 0 pair(s)", outcome.Output, StringComparison.Ordinal);
        Assert.Contains(": Succeeded", outcome.Output, StringComparison.Ordinal);

        // The rotation outlives the demo in the state file it was given.
        var status = await OrchestratorProcess.RunAsync(["status", "--state", state, "--output", "json"]);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("\"state\": \"Succeeded\"", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartRotation_SuppliedCa_EndsOnThatCa()
    {
        await using var clusters = await SimulatedClusters.StartAsync(2, pods: 1);
        var supplied = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("brought", 2048), TimeProvider.System);
        await File.WriteAllTextAsync(Path.Combine(clusters.Directory, "ca_crt.pem"), supplied.CertificatePem, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(clusters.Directory, "ca_key.pem"), supplied.PrivateKeyPem, TestContext.Current.CancellationToken);
        var spec = clusters.WriteSpec(newCa: "newCa:\n  certFile: ca_crt.pem\n  keyFile: ca_key.pem\n");

        var outcome = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", spec, "--state", clusters.StatePath]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("supplied: O=brought", outcome.Output, StringComparison.Ordinal);
        foreach (var region in clusters.RegionNames)
        {
            var data = clusters.SecretData(region);
            Assert.Equal(PemCertificates.Describe(supplied.CertificatePem).Sha256Fingerprint, PemCertificates.Describe(data["ca.crt"]).Sha256Fingerprint);
            Assert.Equal(supplied.PrivateKeyPem, data["ca.key"]);
        }

        Assert.Empty(clusters.TrustLines());
    }
}
