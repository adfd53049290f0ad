using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Simulator.Hosting;
using Orchestrator.Simulator.Tests.Support;

namespace Orchestrator.Simulator.Tests.Audit;

public sealed class RequestLogTests(RequestLogTests.RecordingFixture recording, SimulationFixture plain)
    : IClassFixture<RequestLogTests.RecordingFixture>, IClassFixture<SimulationFixture>
{
    private const string Namespace = CaSecretEditor.Namespace;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordRequests_ReadsWatchesAndWrites_EachLineHasWhatAnAuthorizerJudges()
    {
        using var client = recording.Client();
        using var http = recording.Http();
        await client.CoreV1.ReadNamespacedSecretAsync(CaSecretEditor.Name, Namespace, cancellationToken: Token);
        await client.CoreV1.ListNamespacedSecretAsync(Namespace, fieldSelector: $"metadata.name={CaSecretEditor.Name}", cancellationToken: Token);
        await client.CoreV1.ListNamespacedSecretAsync(Namespace, fieldSelector: $"metadata.name!={CaSecretEditor.Name}", cancellationToken: Token);
        await client.AppsV1.ListNamespacedStatefulSetAsync(Namespace, labelSelector: "cassandra-cluster-component=cassandra", cancellationToken: Token);
        await foreach (var _ in client.CoreV1.WatchListNamespacedPodAsync(Namespace, cancellationToken: Token))
        {
            break;
        }

        await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "recorded" } }, Namespace, cancellationToken: Token);
        (await http.GetAsync(new Uri("/version", UriKind.Relative), Token)).Dispose();
        (await http.GetAsync(new Uri($"/api/v1/namespaces/{Namespace}/secrets/absent", UriKind.Relative), Token)).Dispose();

        var lines = Lines(recording.Simulation.RequestsPath!);
        Assert.Equal(
            [
                "get secrets anton example-cluster-manual-tls-ca 200",
                "list secrets anton example-cluster-manual-tls-ca 200",
                "list secrets anton - 200",
                "list statefulsets.apps anton - 200",
                "watch pods anton - 200",
                "create leases.coordination.k8s.io anton - 201",
                "get - - - 200 /version",
                "get secrets anton absent 404",
            ],
            lines.Select(Describe));
        Assert.All(lines, line => Assert.Equal("region1", line["region"]!.GetValue<string>()));

        // The Kubernetes client names itself; the plain HttpClient of the last two requests does not.
        Assert.All(lines.Take(6), line => Assert.False(string.IsNullOrEmpty(line["userAgent"]?.GetValue<string>())));
    }

    [Fact]
    public void RecordRequests_Off_WritesNoRequestLog()
    {
        Assert.False(plain.Simulation.Options.RecordRequests);
        Assert.Null(plain.Simulation.RequestsPath);
        Assert.False(File.Exists(Path.Combine(plain.Directory, "requests.jsonl")));
    }

    private static string Describe(JsonNode line)
    {
        var resource = line["resource"]?.GetValue<string>();
        var group = line["apiGroup"]?.GetValue<string>();
        var text = string.Join(
            ' ',
            line["verb"]!.GetValue<string>(),
            resource is null ? "-" : group is { Length: > 0 } ? $"{resource}.{group}" : resource,
            line["namespace"]?.GetValue<string>() ?? "-",
            line["name"]?.GetValue<string>() ?? "-",
            line["code"]!.GetValue<int>());
        return resource is null ? $"{text} {line["path"]!.GetValue<string>()}" : text;
    }

    private static List<JsonNode> Lines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
    }

    /// <summary>One region that records every request, reads included.</summary>
    public sealed class RecordingFixture : SimulationFixture
    {
        protected override SimulatorOptions Options(string directory) => base.Options(directory) with { Regions = 1, RecordRequests = true };
    }
}
