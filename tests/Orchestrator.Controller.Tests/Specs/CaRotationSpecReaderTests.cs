using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Specs;
using Orchestrator.Core.Specs;

namespace Orchestrator.Controller.Tests.Specs;

/// <summary>
/// A CaRotation's spec is held to the spec file's rules, each problem named by the resource's own field path, all of
/// them reported at once.
/// </summary>
public sealed class CaRotationSpecReaderTests
{
    private static readonly CaRotationSpec Valid = new(
        Cluster: "example-cluster",
        Namespace: "anton",
        CaSecret: "example-cluster-manual-tls-ca",
        ExtraCaKey: null,
        NewCa: new NewCaSource("ca2", null, null, null),
        Regions:
        [
            new RegionSource("region1", null, null, null),
            new RegionSource("region2", "cassandra", "west", new SecretKeyReference("regions", "kubeconfig")),
        ],
        Rollout: null,
        Abort: null);

    [Fact]
    public void Read_ValidSpec_TakesTheSpecFilesDefaultsAndNamesEachRegionsCredentials()
    {
        var spec = CaRotationSpecReader.Read(Valid, Described);

        Assert.Equal(RotationSpec.DefaultExtraCaKey, spec.ExtraCaKey);
        Assert.Equal(RotationSpec.DefaultRolloutTimeout, spec.RolloutTimeout);
        Assert.Equal(NewCaSpec.DefaultKeySize, spec.NewCa.KeySize);
        Assert.Equal(new RegionSpec("region1", "own cluster", null, "anton"), spec.Regions[0]);
        Assert.Equal(new RegionSpec("region2", "Secret regions", "west", "cassandra"), spec.Regions[1]);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "cluster", "spec.cluster: " },
        { "caSecret", "spec.caSecret: " },
        { "extraCaKey", "spec.extraCaKey: " },
        { "alias", "spec.newCa.alias: " },
        { "keySize", "spec.newCa.keySize: 1024 is below 2048" },
        { "aliasAndSecret", "spec.newCa: give either alias (to generate the CA) or secretRef (to bring your own), not both" },
        { "secretWithKeySize", "spec.newCa: keySize and validityDays apply only to a generated CA" },
        { "noRegions", "spec.regions: is empty" },
        { "contextWithoutSecret", "spec.regions[0].context: applies only with kubeconfigSecretRef" },
        { "duplicateRegion", "spec.regions[1].name: " },
        { "timeout", "spec.rollout.timeout: " },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Read_BadField_RefusedNamingTheResourcesField(string mangling, string expected)
    {
        var spec = mangling switch
        {
            "cluster" => Valid with { Cluster = "Not A Name" },
            "caSecret" => Valid with { CaSecret = "UPPER_case" },
            "extraCaKey" => Valid with { ExtraCaKey = "ca2.pem" },
            "alias" => Valid with { NewCa = Valid.NewCa with { Alias = "no spaces allowed" } },
            "keySize" => Valid with { NewCa = Valid.NewCa with { KeySize = 1024 } },
            "aliasAndSecret" => Valid with { NewCa = Valid.NewCa with { SecretRef = new SecretNameReference("brought") } },
            "secretWithKeySize" => Valid with { NewCa = new NewCaSource(null, 4096, null, new SecretNameReference("brought")) },
            "noRegions" => Valid with { Regions = [] },
            "contextWithoutSecret" => Valid with { Regions = [Valid.Regions[0] with { Context = "east" }, Valid.Regions[1]] },
            "duplicateRegion" => Valid with { Regions = [Valid.Regions[0], Valid.Regions[1] with { Name = "region1" }] },
            _ => Valid with { Rollout = new RolloutSettings("soon") },
        };

        var refused = Assert.Throws<SpecException>(() => CaRotationSpecReader.Read(spec, Described));

        Assert.StartsWith(expected, Assert.Single(refused.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SeveralBadFields_ReportsThemAllAtOnce()
    {
        var spec = Valid with { Cluster = "Not A Name", ExtraCaKey = "ca2.pem", Rollout = new RolloutSettings("soon") };

        var refused = Assert.Throws<SpecException>(() => CaRotationSpecReader.Read(spec, Described));

        Assert.Equal(["spec.cluster", "spec.extraCaKey", "spec.rollout.timeout"], refused.Problems.Select(problem => problem[..problem.IndexOf(':', StringComparison.Ordinal)]));
    }

    private static string Described(RegionSource region) => region.KubeconfigSecretRef is { } reference ? $"Secret {reference.Name}" : "own cluster";
}
