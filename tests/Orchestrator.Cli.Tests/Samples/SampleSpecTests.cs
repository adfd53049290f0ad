using k8s;
using Orchestrator.Core.Specs;

namespace Orchestrator.Cli.Tests.Samples;

public sealed class SampleSpecTests
{
    [Fact]
    public void ParseFile_OneRegionSample_GeneratesTheCaAndFindsTheKubeconfigBesideIt()
    {
        var spec = SpecParser.ParseFile(SampleFiles.PathOf(SampleFiles.OneRegionSpec));

        AssertProcedureNames(spec);
        Assert.True(spec.NewCa.Generated);
        Assert.Equal(("ca2", 4096, 3650), (spec.NewCa.Alias, spec.NewCa.KeySize, spec.NewCa.ValidityDays));
        var region = Assert.Single(spec.Regions);
        Assert.Equal(new RegionSpec("eu-west", SampleFiles.PathOf(SampleFiles.Kubeconfig), "eu-west", "cassandra"), region);
    }

    [Fact]
    public void ParseFile_TwoRegionSample_BringsItsOwnCaFromBesideTheSpec()
    {
        var spec = SpecParser.ParseFile(SampleFiles.PathOf(SampleFiles.TwoRegionSpec));

        AssertProcedureNames(spec);
        Assert.False(spec.NewCa.Generated);
        Assert.Equal(SampleFiles.PathOf(Path.Combine("ca2", "ca_crt.pem")), spec.NewCa.CertFile);
        Assert.Equal(SampleFiles.PathOf(Path.Combine("ca2", "ca_key.pem")), spec.NewCa.KeyFile);
        Assert.Equal(
            [
                new RegionSpec("eu-west", SampleFiles.PathOf(SampleFiles.Kubeconfig), "eu-west", "cassandra"),
                new RegionSpec("us-east", SampleFiles.PathOf(SampleFiles.Kubeconfig), "us-east", "cassandra"),
            ],
            spec.Regions);
    }

    [Fact]
    public void LoadKubeConfig_Sample_HasAClusterAndUserForEveryContextTheSpecsName()
    {
        var config = KubernetesClientConfiguration.LoadKubeConfig(SampleFiles.PathOf(SampleFiles.Kubeconfig));
        var contexts = new[] { SampleFiles.OneRegionSpec, SampleFiles.TwoRegionSpec }
            .SelectMany(name => SpecParser.ParseFile(SampleFiles.PathOf(name)).Regions)
            .Select(region => region.Context!)
            .Distinct()
            .ToList();

        Assert.Equal(["eu-west", "us-east"], contexts);
        Assert.Equal(contexts, config.Contexts.Select(context => context.Name));
        foreach (var context in config.Contexts)
        {
            var cluster = Assert.Single(config.Clusters, cluster => cluster.Name == context.ContextDetails.Cluster);
            var user = Assert.Single(config.Users, user => user.Name == context.ContextDetails.User);
            Assert.StartsWith("https://", cluster.ClusterEndpoint.Server, StringComparison.Ordinal);
            Assert.Matches("^[A-Z_]+_API_SERVER_CA_BASE64$", cluster.ClusterEndpoint.CertificateAuthorityData);
            Assert.Matches("^[A-Z_]+_SERVICE_ACCOUNT_TOKEN$", user.UserCredentials.Token);
            Assert.Equal("cassandra", context.ContextDetails.Namespace);
        }

        Assert.Equal("eu-west", config.CurrentContext);
    }

    [Fact]
    public void BuildConfigFromConfigFile_UnfilledSample_IsRefusedNotUsedWithPlaceholders()
    {
        var path = SampleFiles.PathOf(SampleFiles.Kubeconfig);

        Assert.ThrowsAny<Exception>(() => KubernetesClientConfiguration.BuildConfigFromConfigFile(path, "eu-west"));
    }

    private static void AssertProcedureNames(RotationSpec spec)
    {
        Assert.Equal("example-cluster", spec.Cluster);
        Assert.Equal("cassandra", spec.Namespace);
        Assert.Equal($"{spec.Cluster}-manual-tls-ca", spec.CaSecret);
        Assert.Equal("ca2.crt", spec.ExtraCaKey);
        Assert.Equal(TimeSpan.FromMinutes(30), spec.RolloutTimeout);
    }
}
