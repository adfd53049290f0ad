using Orchestrator.Cli.Tests.Support;
using Orchestrator.Crypto.Authority;

namespace Orchestrator.Cli.Tests.EndToEnd;

/// <summary>A supplied CA key file that other users may read is used, with a warning saying so and how to close it.</summary>
public sealed class SuppliedCaKeyModeTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Plan_SuppliedCaKeyReadableByOthers_WarnsNamingTheFileAndItsModeAndGoesOn()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 1);
        var supplied = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("brought", 2048), TimeProvider.System);
        await File.WriteAllTextAsync(Path.Combine(clusters.Directory, "ca_crt.pem"), supplied.CertificatePem, TestContext.Current.CancellationToken);
        var key = Path.Combine(clusters.Directory, "ca_key.pem");
        await File.WriteAllTextAsync(key, supplied.PrivateKeyPem, TestContext.Current.CancellationToken);
        var spec = clusters.WriteSpec(newCa: "newCa:\n  certFile: ca_crt.pem\n  keyFile: ca_key.pem\n");

        File.SetUnixFileMode(key, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var open = await OrchestratorProcess.RunAsync(["plan", "--spec", spec]);
        File.SetUnixFileMode(key, OwnerOnly);
        var closed = await OrchestratorProcess.RunAsync(["plan", "--spec", spec]);

        Assert.True(open.ExitCode == 0, open.ToString());
        Assert.Contains("New CA: supplied: O=brought", open.Output, StringComparison.Ordinal);
        var warning = Assert.Single(open.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith(
            $" warn: Orchestrator.Preflight[1400] newCa.keyFile {key} is open to other users (mode 0644): whoever can read it can sign certificates every node will trust; make it owner-only: chmod 600 {key}",
            warning,
            StringComparison.Ordinal);
        Assert.True(closed.ExitCode == 0, closed.ToString());
        Assert.Empty(closed.Error);
        Assert.Equal(open.Output, closed.Output);
    }
}
