using System.Text;
using System.Text.RegularExpressions;
using k8s;
using Orchestrator.Crypto.Authority;

namespace Orchestrator.Cli.Tests.BadInput;

/// <summary>
/// A region of the spec pointed at a mangled kubeconfig (the other keeps the good one): each refused with exit 2 and one
/// line naming that region, and nothing changed.
/// </summary>
public sealed partial class MangledKubeconfigTests(RefusalFixture fixture) : IClassFixture<RefusalFixture>
{
    [Theory]
    [InlineData("missing-file", "region region1: cannot use kubeconfig ", "not found")]
    [InlineData("directory", "region region1: cannot use kubeconfig ", "not found")]
    [InlineData("empty-file", "region region1: cannot use kubeconfig ", "the file is empty or not a kubeconfig")]
    [InlineData("garbage-bytes", "region region1: cannot use kubeconfig ")]
    [InlineData("yaml-mapping-not-a-kubeconfig", "region region1: cannot use kubeconfig ", "region1 not found")]
    [InlineData("yaml-list-not-a-kubeconfig", "region region1: cannot use kubeconfig ", "not a kubeconfig: the value at line 1")]
    [InlineData("context-missing", "region region2: cannot use kubeconfig ", "region2 not found")]
    [InlineData("server-url-unparseable", "region region1: cannot use kubeconfig ")]
    [InlineData("certificate-authority-data-not-base64", "region region1: cannot use kubeconfig ")]
    [InlineData("wrong-bearer-token", "region1: the API server did not accept the kubeconfig's credentials (401 Unauthorized)")]
    [InlineData("certificate-authority-of-another-ca", "region1: no trusted TLS connection to https://127.0.0.1:", "is not signed by the kubeconfig's certificate authority")]
    public async Task StartRotation_MangledKubeconfig_Exit2NamingTheRegionNothingChanged(string mangling, params string[] expected)
    {
        var good = await File.ReadAllTextAsync(fixture.Clusters.Simulation.KubeconfigPath, TestContext.Current.CancellationToken);
        var path = Path.Combine(fixture.Clusters.Directory, $"kubeconfig-{mangling}");
        switch (mangling)
        {
            case "missing-file":
                break;
            case "directory":
                Directory.CreateDirectory(path);
                break;
            case "empty-file":
                await File.WriteAllTextAsync(path, string.Empty, TestContext.Current.CancellationToken);
                break;
            case "garbage-bytes":
                var garbage = new byte[4096];
                new Random(4096).NextBytes(garbage);
                await File.WriteAllBytesAsync(path, garbage, TestContext.Current.CancellationToken);
                break;
            case "yaml-mapping-not-a-kubeconfig":
                await File.WriteAllTextAsync(path, "shopping:\n  - milk\n  - bread\n", TestContext.Current.CancellationToken);
                break;
            case "yaml-list-not-a-kubeconfig":
                await File.WriteAllTextAsync(path, "- milk\n- bread\n", TestContext.Current.CancellationToken);
                break;
            case "context-missing":
                var config = KubernetesClientConfiguration.LoadKubeConfig(fixture.Clusters.Simulation.KubeconfigPath);
                config.Contexts.Single(context => context.Name == "region2").Name = "region3";
                await File.WriteAllTextAsync(path, KubernetesYaml.Serialize(config), TestContext.Current.CancellationToken);
                break;
            case "server-url-unparseable":
                await File.WriteAllTextAsync(path, Server().Replace(good, "server: 'https://[not a host'"), TestContext.Current.CancellationToken);
                break;
            case "certificate-authority-data-not-base64":
                await File.WriteAllTextAsync(path, AuthorityData().Replace(good, "certificate-authority-data: '%%% not base64 %%%'"), TestContext.Current.CancellationToken);
                break;
            case "wrong-bearer-token":
                await File.WriteAllTextAsync(path, Token().Replace(good, "token: 0123456789abcdef"), TestContext.Current.CancellationToken);
                break;
            case "certificate-authority-of-another-ca":
                var other = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("not-the-api-server-ca", 2048), TimeProvider.System).CertificatePem;
                await File.WriteAllTextAsync(path, AuthorityData().Replace(good, "certificate-authority-data: " + Convert.ToBase64String(Encoding.UTF8.GetBytes(other))), TestContext.Current.CancellationToken);
                break;
            default:
                throw new ArgumentException($"no mangling '{mangling}'", nameof(mangling));
        }

        // Region 1 gets the mangled file, except where the point is a context region 2 names and the file lacks.
        var region = mangling == "context-missing" ? "region2" : "region1";
        await fixture.AssertRefusedAsync(["start-rotation", "--spec", WriteSpec(fixture, region, path, mangling), "--state", fixture.StatePath], expected);
    }

    /// <summary>The simulator's spec with <paramref name="region"/> reached through <paramref name="kubeconfig"/>.</summary>
    internal static string WriteSpec(RefusalFixture fixture, string region, string kubeconfig, string name)
    {
        var text = MangledSpecs.Valid.Replace(
            $"  - name: {region}\n    kubeconfig: ./kubeconfig\n",
            $"  - name: {region}\n    kubeconfig: '{kubeconfig}'\n",
            StringComparison.Ordinal);
        Assert.NotEqual(MangledSpecs.Valid, text);
        return fixture.WriteSpec($"kubeconfig-{name}.yaml", Encoding.UTF8.GetBytes(text));
    }

    [GeneratedRegex("server: .*")]
    private static partial Regex Server();

    [GeneratedRegex("certificate-authority-data: .*")]
    private static partial Regex AuthorityData();

    [GeneratedRegex("token: .*")]
    private static partial Regex Token();
}
