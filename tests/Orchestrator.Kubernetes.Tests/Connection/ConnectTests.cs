using System.Text;
using System.Text.RegularExpressions;
using k8s;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Specs;
using Orchestrator.Kubernetes.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Kubernetes.Tests.Connection;

public sealed class ConnectTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Connect_MissingKubeconfig_ConfigurationErrorNamingRegionAndPath()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("absent");

        var failure = Assert.Throws<ClusterException>(() => Connectors.Plain().Connect(new RegionSpec("east", path, null, "anton"), SimulationFixture.Cluster));

        Assert.Equal(ClusterFailure.Configuration, failure.Failure);
        Assert.StartsWith($"region east: cannot use kubeconfig {path}: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("not found", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Theory]
    [InlineData("{{{ not: yaml: [")]
    [InlineData("just some words")]
    [InlineData("")]
    public void Connect_GarbageKubeconfig_ConfigurationErrorOnOneLine(string content)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("kubeconfig", content);

        var failure = Assert.Throws<ClusterException>(() => Connectors.Plain().Connect(new RegionSpec("east", path, null, "anton"), SimulationFixture.Cluster));

        Assert.Equal(ClusterFailure.Configuration, failure.Failure);
        Assert.StartsWith($"region east: cannot use kubeconfig {path}: ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Theory]
    [InlineData("just some words", "line 1")]
    [InlineData("- milk\n- bread\n", "line 1")]
    [InlineData("clusters: 5", "line 1")]
    [InlineData("apiVersion: v1\nclusters:\n- name: east\n  cluster: 5\n", "line 4")]
    [InlineData("apiVersion: [1]", "line 1")]
    [InlineData("a: b: c", "not valid YAML (line 1)")]
    public void Connect_KubeconfigOfAnotherShape_SaysWhereWithoutTypeNames(string content, string expected)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("kubeconfig", content);

        var failure = Assert.Throws<ClusterException>(() => Connectors.Plain().Connect(new RegionSpec("east", path, null, "anton"), SimulationFixture.Cluster));

        Assert.Equal(ClusterFailure.Configuration, failure.Failure);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("KubeConfigModels", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_UnknownContext_ConfigurationErrorNamingTheContext()
    {
        var spec = fixture.Region() with { Name = "west", Context = "region9" };

        var failure = Assert.Throws<ClusterException>(() => Connectors.Plain().Connect(spec, SimulationFixture.Cluster));

        Assert.Equal(ClusterFailure.Configuration, failure.Failure);
        Assert.StartsWith($"region west: cannot use kubeconfig {spec.Kubeconfig}: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("region9", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_UnknownContext_NamesTheFileAndTheContextsItHas()
    {
        var spec = fixture.Region() with { Name = "west", Context = "region9" };

        var failure = Assert.Throws<ClusterException>(() => Connectors.Plain().Connect(spec, SimulationFixture.Cluster));

        Assert.Equal(
            $"region west: cannot use kubeconfig {spec.Kubeconfig}: context region9 not found; its contexts are region1, region2; set the region's context in the spec to one of them",
            failure.Message);
    }

    [Theory]
    [InlineData("current-context: region9", "its current-context region9 not found; its contexts are region1, region2")]
    [InlineData("", "the spec names no context for this region and the file has no current-context; its contexts are region1, region2")]
    public void Connect_NoContextAndNoUsableCurrentContext_SaysSoWithTheContextsItHas(string currentContext, string expected)
    {
        using var directory = new TemporaryDirectory();
        var kubeconfig = Regex.Replace(File.ReadAllText(fixture.Simulation.KubeconfigPath), "(?m)^current-context: .*$", currentContext);
        var path = directory.Write("kubeconfig", kubeconfig);

        var failure = Assert.Throws<ClusterException>(() => Connectors.Plain().Connect(new RegionSpec("west", path, null, "anton"), SimulationFixture.Cluster));

        Assert.Equal($"region west: cannot use kubeconfig {path}: {expected}; set the region's context in the spec to one of them", failure.Message);
    }

    [Fact]
    public async Task Connect_NoContext_UsesTheCurrentContext()
    {
        using var region = Connectors.Plain().Connect(fixture.Region() with { Name = "default", Context = null }, SimulationFixture.Cluster);

        var secret = await region.ReadSecretAsync(SimulationFixture.CaSecret, Token);

        Assert.Equal("default", region.Region);
        Assert.Equal(SimulationFixture.CaSecret, secret.Name);
    }

    [Fact]
    public async Task Requests_CarryTheConfiguredUserAgent()
    {
        using var plain = fixture.Client();
        await plain.CoreV1.CreateNamespacedSecretAsync(
            new k8s.Models.V1Secret { Metadata = new k8s.Models.V1ObjectMeta { Name = "agent" }, Data = new Dictionary<string, byte[]> { ["k"] = "v"u8.ToArray() } },
            SimulationFixture.Namespace,
            cancellationToken: Token);
        using var region = Connectors.Plain(new KubernetesClientOptions { UserAgent = "orchestrator-test/2.0" }).Connect(fixture.Region(), SimulationFixture.Cluster);

        var secret = await region.ReadSecretAsync("agent", Token);
        await region.ReplaceSecretDataAsync(secret, new Dictionary<string, byte[]> { ["k"] = "w"u8.ToArray() }, Token);

        var update = Assert.Single(AuditLog.Lines(fixture, "update", "agent"));
        Assert.Equal("orchestrator-test/2.0", AuditLog.UserAgent(update));
    }

    [Fact]
    public async Task Connect_ServerName_LocalhostMatchesTheCertificate()
    {
        using var directory = new TemporaryDirectory();
        var server = fixture.Simulation.Regions[0].Server!;
        var kubeconfig = File.ReadAllText(fixture.Simulation.KubeconfigPath)
            .Replace($"server: {server.GetLeftPart(UriPartial.Authority)}", $"server: https://localhost:{server.Port}", StringComparison.Ordinal);
        var path = directory.Write("kubeconfig", kubeconfig);
        using var region = Connectors.Plain().Connect(new RegionSpec("region1", path, "region1", SimulationFixture.Namespace), SimulationFixture.Cluster);

        var secret = await region.ReadSecretAsync(SimulationFixture.CaSecret, Token);

        Assert.NotEmpty(secret.ResourceVersion);
    }

    [Fact]
    public async Task Connect_ServerCertificateForAnotherName_RefusedAtOnceWithTheReason()
    {
        await using var impostor = await ImpostorServer.StartAsync("other.example");
        using var directory = new TemporaryDirectory();
        var path = directory.Write("kubeconfig", Kubeconfig(impostor.Port, impostor.AuthorityPem));
        using var region = Connectors.Plain().Connect(new RegionSpec("east", path, null, "anton"), SimulationFixture.Cluster);

        var failure = await Assert.ThrowsAsync<ClusterException>(() => region.ReadSecretAsync("anything", Token));

        Assert.Equal(ClusterFailure.Unreachable, failure.Failure);
        Assert.StartsWith($"east: no trusted TLS connection to https://127.0.0.1:{impostor.Port}: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("not valid for the host name", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, impostor.Handshakes);
    }

    [Fact]
    public async Task Connect_ServerCertificateFromAnotherCa_RefusedAtOnce()
    {
        await using var impostor = await ImpostorServer.StartAsync("127.0.0.1");
        using var directory = new TemporaryDirectory();
        var path = directory.Write("kubeconfig", Kubeconfig(impostor.Port, fixture.Simulation.Regions[0].ServingAuthorityPem));
        using var region = Connectors.Plain().Connect(new RegionSpec("east", path, null, "anton"), SimulationFixture.Cluster);

        var failure = await Assert.ThrowsAsync<ClusterException>(() => region.ReadSecretAsync("anything", Token));

        Assert.Equal(ClusterFailure.Unreachable, failure.Failure);
        Assert.Contains("not signed by the kubeconfig's certificate authority", failure.Message, StringComparison.Ordinal);
    }

    private static string Kubeconfig(int port, string authorityPem) => $"""
        apiVersion: v1
        kind: Config
        current-context: east
        clusters:
        - name: east
          cluster:
            server: https://127.0.0.1:{port}
            certificate-authority-data: {Convert.ToBase64String(Encoding.UTF8.GetBytes(authorityPem))}
        users:
        - name: east
          user:
            token: not-a-secret
        contexts:
        - name: east
          context:
            cluster: east
            user: east
        """;
}
