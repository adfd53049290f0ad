using Orchestrator.Core.Cluster;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Steps;
using Orchestrator.Core.Tests.Support;
using Orchestrator.Crypto.Certificates;

namespace Orchestrator.Core.Tests.Steps;

public sealed class GenerateCaExecutorTests
{
    [Fact]
    public async Task ExecuteAsync_HeadStartForTheSpec_TakesThatCa()
    {
        var rotation = Samples.Rotation("region1");
        var headStart = NewCaHeadStart.Begin(rotation.Spec, TimeProvider.System)!;
        var expected = await headStart.TakeAsync(TestContext.Current.CancellationToken);

        await new GenerateCaExecutor(headStart).ExecuteAsync(Context(rotation), TestContext.Current.CancellationToken);

        Assert.Equal(PemCertificates.Describe(expected.CertificatePem).Sha256Fingerprint, rotation.NewCa!.Sha256Fingerprint);
        Assert.StartsWith("generated RSA 2048: O=ca2", rotation.Steps[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_HeadStartForAnotherSpec_GeneratesItsOwn()
    {
        var rotation = Samples.Rotation("region1");
        var other = rotation.Spec with { NewCa = rotation.Spec.NewCa with { Alias = "other" } };
        var headStart = NewCaHeadStart.Begin(other, TimeProvider.System)!;

        await new GenerateCaExecutor(headStart).ExecuteAsync(Context(rotation), TestContext.Current.CancellationToken);

        Assert.Equal("O=ca2", rotation.NewCa!.Subject);
        Assert.NotEqual(PemCertificates.Describe((await headStart.TakeAsync(TestContext.Current.CancellationToken)).CertificatePem).Sha256Fingerprint, rotation.NewCa.Sha256Fingerprint);
    }

    [Fact]
    public void Begin_SpecBringsItsOwnCa_StartsNothing()
    {
        var spec = Samples.Spec("region1") with { NewCa = new NewCaSpec(null, 2048, 3650, "/etc/ca/new.crt", "/etc/ca/new.key") };

        Assert.Null(NewCaHeadStart.Begin(spec, TimeProvider.System));
    }

    private static StepContext Context(Rotation rotation) => new(
        rotation,
        rotation.Steps[0],
        new RegionClusters(new UnusedConnector(), rotation.Spec),
        new UnusedStore(),
        new UnusedObserver(),
        TimeProvider.System,
        new BackgroundWork(),
        TestContext.Current.CancellationToken);
}
