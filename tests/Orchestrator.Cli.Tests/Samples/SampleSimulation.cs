using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Specs;
using Orchestrator.Crypto.Authority;
using Orchestrator.Simulator.Hosting;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Samples;

/// <summary>
/// Simulated regions named as the samples name them (cluster, namespace, CA Secret), recording every request, and a
/// directory holding the samples as a user would fill them in: the kubeconfig's placeholders replaced by the
/// simulated regions' addresses, CA and token, the specs beside it unchanged but for a quicker key size.
/// </summary>
internal sealed class SampleSimulation : IAsyncDisposable
{
    /// <summary>The sample kubeconfig's regions, each with its placeholders, in the order they map to simulated regions.</summary>
    private static readonly string[] SampleRegions = ["eu-west", "us-east"];

    private readonly TemporaryDirectory _directory;

    private SampleSimulation(TemporaryDirectory directory, Simulation simulation)
    {
        _directory = directory;
        Simulation = simulation;
    }

    public Simulation Simulation { get; }

    public string StatePath => _directory.File("state.db");

    public static async Task<SampleSimulation> StartAsync(int regions)
    {
        var sample = SpecParser.ParseFile(SampleFiles.PathOf(SampleFiles.TwoRegionSpec));
        var directory = new TemporaryDirectory();
        var simulation = await Simulation.StartAsync(
            new SimulatorOptions
            {
                Directory = directory.File("simulator"),
                Regions = regions,
                Cluster = sample.Cluster,
                Namespace = sample.Namespace,
                CaSecret = sample.CaSecret,
                PodRestartTime = TimeSpan.FromMilliseconds(40),
                PodTerminationTime = TimeSpan.FromMilliseconds(10),
                RecordRequests = true,
            },
            new SimulatorLog(),
            TimeProvider.System,
            TestContext.Current.CancellationToken);
        var samples = new SampleSimulation(directory, simulation);
        samples.WriteFilledInSamples();
        return samples;
    }

    /// <summary>A sample spec as copied next to the filled-in kubeconfig.</summary>
    public string SpecPath(string name) => _directory.File(name);

    /// <summary>Every resource and non-resource request the orchestrator (not the test) sent, in order.</summary>
    public List<RecordedRequest> OrchestratorRequests()
    {
        using var stream = new FileStream(Simulation.RequestsPath!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => RecordedRequest.From(JsonNode.Parse(line)!))
            .Where(request => request.UserAgent.StartsWith("orchestrator", StringComparison.Ordinal))
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Simulation.DisposeAsync();
        _directory.Dispose();
    }

    private void WriteFilledInSamples()
    {
        var kubeconfig = SampleFiles.Read(SampleFiles.Kubeconfig);
        for (var index = 0; index < SampleRegions.Length; index++)
        {
            var region = Simulation.Regions[Math.Min(index, Simulation.Regions.Count - 1)];
            var placeholder = SampleRegions[index].Replace('-', '_').ToUpperInvariant();
            kubeconfig = Replace(kubeconfig, $"https://{SampleRegions[index]}.k8s.example.com:6443", region.Server!.GetLeftPart(UriPartial.Authority));
            kubeconfig = Replace(kubeconfig, $"{placeholder}_API_SERVER_CA_BASE64", Convert.ToBase64String(Encoding.UTF8.GetBytes(region.ServingAuthorityPem)));
            kubeconfig = Replace(kubeconfig, $"{placeholder}_SERVICE_ACCOUNT_TOKEN", Simulation.BearerToken);
        }

        _directory.Write(SampleFiles.Kubeconfig, kubeconfig);

        // RSA-4096 takes seconds to generate; the spec is otherwise exactly the sample.
        _directory.Write(SampleFiles.OneRegionSpec, Replace(SampleFiles.Read(SampleFiles.OneRegionSpec), "keySize: 4096", "keySize: 2048"));
        _directory.Write(SampleFiles.TwoRegionSpec, SampleFiles.Read(SampleFiles.TwoRegionSpec));
        var ca = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca2", 2048), TimeProvider.System);
        System.IO.Directory.CreateDirectory(_directory.File("ca2"));
        _directory.Write(Path.Combine("ca2", "ca_crt.pem"), ca.CertificatePem);
        _directory.Write(Path.Combine("ca2", "ca_key.pem"), ca.PrivateKeyPem);
    }

    // Each placeholder once, or the sample has changed under the test.
    private static string Replace(string text, string placeholder, string value)
    {
        var at = text.IndexOf(placeholder, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(placeholder, at + 1, StringComparison.Ordinal) < 0, $"expected {placeholder} once in the sample");
        return string.Concat(text.AsSpan(0, at), value, text.AsSpan(at + placeholder.Length));
    }
}
