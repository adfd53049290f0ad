using System.Text;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.BadInput;

/// <summary>
/// A kubeconfig that names its cluster's CA trusts that CA alone, as kubectl does: a server whose certificate comes
/// from another CA is refused even when the system trusts that other CA.
/// </summary>
public sealed class SystemTrustedServerTests(RefusalFixture fixture) : IClassFixture<RefusalFixture>
{
    [Fact]
    public async Task Plan_ServerCertifiedByASystemTrustedCaNotTheKubeconfigs_Refused()
    {
        await using var server = await ImpostorServer.StartAsync("127.0.0.1");

        // The system's trust store, for the orchestrator's process, is a file holding the server's CA alone; the
        // kubeconfig names another CA, the simulator's.
        var roots = fixture.WriteSpec("system-roots.pem", Encoding.ASCII.GetBytes(server.AuthorityPem));
        var emptyRootDirectory = Path.Combine(Path.GetDirectoryName(roots)!, "system-roots.d");
        Directory.CreateDirectory(emptyRootDirectory);
        var kubeconfig = fixture.WriteSpec("kubeconfig-system-trusted-server", Encoding.UTF8.GetBytes($"""
            apiVersion: v1
            kind: Config
            current-context: region1
            clusters:
            - name: region1
              cluster:
                server: https://127.0.0.1:{server.Port}
                certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(fixture.Clusters.Simulation.Regions[0].ServingAuthorityPem))}
            contexts:
            - name: region1
              context:
                cluster: region1
                user: region1
            users:
            - name: region1
              user:
                token: 0123456789abcdef
            """));
        var spec = MangledKubeconfigTests.WriteSpec(fixture, "region1", kubeconfig, "system-trusted-server");

        var outcome = await OrchestratorProcess.RunAsync(
            ["plan", "--spec", spec, "--state", fixture.StatePath],
            new Dictionary<string, string?> { ["SSL_CERT_FILE"] = roots, ["SSL_CERT_DIR"] = emptyRootDirectory });

        fixture.AssertRefused(outcome, "region1: no trusted TLS connection to https://127.0.0.1:", "is not signed by the kubeconfig's certificate authority");
        Assert.True(server.Handshakes > 0);
    }
}
