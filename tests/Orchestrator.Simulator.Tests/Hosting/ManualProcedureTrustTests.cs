using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Crypto;
using Orchestrator.Crypto.Authority;
using Orchestrator.Simulator.Hosting;
using Orchestrator.Simulator.Tests.Support;

using Orchestrator.Testing;

namespace Orchestrator.Simulator.Tests.Hosting;

/// <summary>
/// The operator's procedure done by hand against two regions: in the documented order trust holds throughout;
/// out of order, the trust checker catches the pods that could no longer talk.
/// </summary>
public sealed class ManualProcedureTrustTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DocumentedOrder_AllThirteenSteps_WritesNoTrustViolation()
    {
        using var directory = new TemporaryDirectory();
        await using var simulation = await StartAsync(directory.Path);
        var (oldCa, newCa) = await CasAsync(simulation);
        var regions = new[] { "region1", "region2" };

        // Phase 1: add the new CA as ca2.crt; phase 2: promote it, keeping the old as ca2.crt; phase 3: drop the old.
        var phases = new Func<Dictionary<string, byte[]>>[]
        {
            () => Data(("ca.crt", oldCa.CertificatePem), ("ca.key", oldCa.PrivateKeyPem), ("ca2.crt", newCa.CertificatePem)),
            () => Data(("ca.crt", newCa.CertificatePem), ("ca.key", newCa.PrivateKeyPem), ("ca2.crt", oldCa.CertificatePem)),
            () => Data(("ca.crt", newCa.CertificatePem), ("ca.key", newCa.PrivateKeyPem)),
        };
        foreach (var phase in phases)
        {
            foreach (var region in regions)
            {
                await ChangeAndWaitAsync(simulation, region, phase());
            }
        }

        Assert.Empty(simulation.Trust.Violations);
        Assert.Empty(await File.ReadAllLinesAsync(simulation.TrustPath, Token));
    }

    [Fact]
    public async Task PromoteInRegionOneBeforeRegionTwoTrustsTheNewCa_WritesViolations()
    {
        using var directory = new TemporaryDirectory();
        await using var simulation = await StartAsync(directory.Path);
        var (oldCa, newCa) = await CasAsync(simulation);

        // Step 2 done in region1 only, then straight to step 6: region2 has never heard of the new CA.
        await ChangeAndWaitAsync(simulation, "region1", Data(("ca.crt", oldCa.CertificatePem), ("ca.key", oldCa.PrivateKeyPem), ("ca2.crt", newCa.CertificatePem)));
        await ChangeAndWaitAsync(simulation, "region1", Data(("ca.crt", newCa.CertificatePem), ("ca.key", newCa.PrivateKeyPem), ("ca2.crt", oldCa.CertificatePem)));

        var lines = await File.ReadAllLinesAsync(simulation.TrustPath, Token);
        Assert.NotEmpty(lines);
        Assert.Contains(simulation.Trust.Violations, violation =>
            (violation.PodA.Region, violation.PodB.Region) is ("region1", "region2") or ("region2", "region1"));
        Assert.All(simulation.Trust.Violations, violation => Assert.Contains("does not accept the certificate", violation.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SkipPhaseOne_PromoteEverywhere_WritesViolations()
    {
        using var directory = new TemporaryDirectory();
        await using var simulation = await StartAsync(directory.Path);
        var (oldCa, newCa) = await CasAsync(simulation);

        await ChangeAndWaitAsync(simulation, "region1", Data(("ca.crt", newCa.CertificatePem), ("ca.key", newCa.PrivateKeyPem), ("ca2.crt", oldCa.CertificatePem)));

        Assert.NotEmpty(simulation.Trust.Violations);
    }

    private static Task<Simulation> StartAsync(string directory) =>
        Simulation.StartAsync(
            new SimulatorOptions
            {
                Directory = directory,
                Regions = 2,
                PodsPerDatacenter = 3,
                Datacenters = 2,
                PodRestartTime = TimeSpan.FromMilliseconds(30),
                PodTerminationTime = TimeSpan.FromMilliseconds(5),
            },
            NullLoggerFactory.Instance,
            TimeProvider.System,
            Token);

    private static async Task<(PemKeyPair Old, PemKeyPair New)> CasAsync(Simulation simulation)
    {
        using var client = new k8s.Kubernetes(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(simulation.KubeconfigPath, currentContext: "region1"));
        var data = await CaSecretEditor.ReadDataAsync(client, Token);
        var old = new PemKeyPair(Encoding.UTF8.GetString(data["ca.crt"]), Encoding.UTF8.GetString(data["ca.key"]));
        return (old, CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca2", 2048), TimeProvider.System));
    }

    private static async Task ChangeAndWaitAsync(Simulation simulation, string region, Dictionary<string, byte[]> data)
    {
        using var client = new k8s.Kubernetes(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(simulation.KubeconfigPath, currentContext: region));
        var store = simulation.Regions.Single(r => r.Name == region).Store;
        var before = CaSecretEditor.PodUids(store);
        await CaSecretEditor.ReplaceDataAsync(client, data, Token);
        await CaSecretEditor.WaitForRolloutAsync(store, before, data);
    }

    private static Dictionary<string, byte[]> Data(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(entry => entry.Key, entry => Encoding.UTF8.GetBytes(entry.Value));
}
