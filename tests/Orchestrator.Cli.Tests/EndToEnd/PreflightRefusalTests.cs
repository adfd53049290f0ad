using System.Text;
using k8s.Models;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Crypto.Authority;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Cli.Tests.EndToEnd;

/// <summary>
/// Each preflight refusal: exit 2, one line naming the object and what to do, no stack trace, and not one mutating
/// request from the orchestrator in the simulator's audit log.
/// </summary>
public sealed class PreflightRefusalTests : IAsyncLifetime
{
    private SimulatedClusters _clusters = null!;

    public async ValueTask InitializeAsync() => _clusters = await SimulatedClusters.StartAsync(2, pods: 1);

    public ValueTask DisposeAsync() => _clusters.DisposeAsync();

    [Theory]
    [InlineData("alias", "ca1", "alias 'ca1' is the alias of the current CA")]
    [InlineData("caSecret", "no-such-secret", "region1: Secret anton/no-such-secret not found")]
    [InlineData("cluster", "other-cluster", "region1: no StatefulSet labelled cassandra-cluster-instance=other-cluster")]
    [InlineData("context", "region9", "region9")]
    [InlineData("keySize", "1024", "newCa.keySize: 1024 is below 2048")]
    [InlineData("extraCaKey", "ca2.pem", "does not end in .crt")]
    public async Task StartRotation_Refused_Exit2OneLineNoWrites(string field, string value, string expected)
    {
        var spec = File.ReadAllText(_clusters.WriteSpec());
        spec = field switch
        {
            "alias" => spec.Replace("alias: ca2", $"alias: {value}", StringComparison.Ordinal),
            "caSecret" => spec.Replace(SimulatedClusters.CaSecret, value, StringComparison.Ordinal),
            "cluster" => spec.Replace("cluster: example-cluster", $"cluster: {value}", StringComparison.Ordinal),
            "context" => spec.Replace("context: region2", $"context: {value}", StringComparison.Ordinal),
            "keySize" => spec.Replace("keySize: 2048", $"keySize: {value}", StringComparison.Ordinal),
            _ => spec + $"extraCaKey: {value}\n",
        };
        var path = Path.Combine(_clusters.Directory, $"refused-{field}.yaml");
        await File.WriteAllTextAsync(path, spec, TestContext.Current.CancellationToken);

        await AssertRefusedAsync(["start-rotation", "--spec", path, "--state", _clusters.StatePath], expected);
    }

    [Fact]
    public async Task StartRotation_ExtraCaEntryAlreadyPresent_Refused()
    {
        var other = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca9", 2048), TimeProvider.System).CertificatePem;
        ChangeSecret("region2", data => data["ca9.crt"] = Encoding.UTF8.GetBytes(other));

        await AssertRefusedAsync(["start-rotation", "--spec", _clusters.WriteSpec(), "--state", _clusters.StatePath], "region2: Secret anton/example-cluster-manual-tls-ca already has an extra CA entry (ca9.crt)");
    }

    [Fact]
    public async Task StartRotation_RegionsOnDifferentCas_Refused()
    {
        var other = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("elsewhere", 2048), TimeProvider.System);
        _clusters.Faults("region2").Replace(new Simulator.Faults.FaultSettings { OperatorPaused = true });
        ChangeSecret("region2", data =>
        {
            data["ca.crt"] = Encoding.UTF8.GetBytes(other.CertificatePem);
            data["ca.key"] = Encoding.UTF8.GetBytes(other.PrivateKeyPem);
        });

        await AssertRefusedAsync(["plan", "--spec", _clusters.WriteSpec()], "region2: Secret anton/example-cluster-manual-tls-ca holds a different ca.crt (O=elsewhere");
    }

    [Fact]
    public async Task StartRotation_KeyNotMatchingCertificate_Refused()
    {
        var other = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("other", 2048), TimeProvider.System);
        _clusters.Faults("region1").Replace(new Simulator.Faults.FaultSettings { OperatorPaused = true });
        ChangeSecret("region1", data => data["ca.key"] = Encoding.UTF8.GetBytes(other.PrivateKeyPem));

        await AssertRefusedAsync(["start-rotation", "--spec", _clusters.WriteSpec(), "--state", _clusters.StatePath], "region1: Secret anton/example-cluster-manual-tls-ca: ca.key is not the private key of");
    }

    [Fact]
    public async Task Plan_SettledClusters_PrintsTheThirteenStepsAndChangesNothing()
    {
        var outcome = await OrchestratorProcess.RunAsync(["plan", "--spec", _clusters.WriteSpec()]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("13  wait-rollout    region2", outcome.Output, StringComparison.Ordinal);
        Assert.Empty(_clusters.OrchestratorWrites());
    }

    private async Task AssertRefusedAsync(string[] arguments, string expected)
    {
        var outcome = await OrchestratorProcess.RunAsync(arguments);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(_clusters.OrchestratorWrites());
    }

    private void ChangeSecret(string region, Action<IDictionary<string, byte[]>> change)
    {
        var store = _clusters.Store(region);
        store.Modify(ResourceTypes.Secrets, SimulatedClusters.Namespace, SimulatedClusters.CaSecret, existing =>
        {
            var secret = existing.As<V1Secret>();
            change(secret.Data);
            return secret;
        });
    }
}
