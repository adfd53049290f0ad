using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Kubernetes.Objects;
using Orchestrator.Kubernetes.Tests.Support;

namespace Orchestrator.Kubernetes.Tests.Objects;

public sealed class ListJsonTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, 4)]
    [InlineData(4096, 300)]
    [InlineData(1 << 20, 300)]
    public async Task ReadAsync_ManyPods_SameRecordsAsTheTypedList_HoweverTheBodyArrives(int chunk, int pods)
    {
        var list = PodList(pods);
        var expected = KubernetesJson.Deserialize<V1PodList>(list);

        var (items, version) = await ObjectReader.ReadListAsync<PodJson, Core.Cluster.PodStatus>(new TrickleStream(Encoding.UTF8.GetBytes(list), chunk), ClusterObjects.Pod, Token);

        Assert.Equal("4711", version);
        Assert.Equal(expected.Items.Select(TypedObjects.Pod), items.Select(item => item.Status));
        Assert.Equal(expected.Items.Select(pod => pod.Metadata.Name), items.Select(item => item.Name));
    }

    [Fact]
    public async Task ReadAsync_EmptyOrNullItems_NoItems()
    {
        foreach (var list in new[] { """{"metadata":{"resourceVersion":"5"},"items":[]}""", """{"items":null,"metadata":{"resourceVersion":"5"}}""" })
        {
            var (items, version) = await ObjectReader.ReadListAsync<PodJson, Core.Cluster.PodStatus>(new TrickleStream(Encoding.UTF8.GetBytes(list), 2), ClusterObjects.Pod, Token);

            Assert.Empty(items);
            Assert.Equal("5", version);
        }
    }

    [Theory]
    [InlineData("""{"metadata":{"resourceVersion":"5"},"items":[{"metadata":{"name":"p-0"}}""")]
    [InlineData("""{"metadata":{"resourceVersion":"5"},"items":[{"metadata":{"name":"p-0"}}]""")]
    [InlineData("""{"items":[{"metadata":{"name":"p-0"}}]}""")]
    [InlineData("""{"metadata":{"resourceVersion":"5"},"items":[{"metadata":{"uid":"no-name"}}]}""")]
    [InlineData("""[{"metadata":{"name":"p-0"}}]""")]
    [InlineData("")]
    public async Task ReadAsync_NotAWholeList_Refused(string list)
    {
        await Assert.ThrowsAnyAsync<JsonException>(() =>
            ObjectReader.ReadListAsync<PodJson, Core.Cluster.PodStatus>(new TrickleStream(Encoding.UTF8.GetBytes(list), 3), ClusterObjects.Pod, Token));
    }

    /// <summary>Pods of every readiness, one with an annotation larger than the reader's first buffer, the list's metadata last.</summary>
    private static string PodList(int count)
    {
        var items = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var pod = JsonNode.Parse(SampleObjects.Pod)!.AsObject();
            pod["metadata"]!["name"] = $"cluster1-dc1-default-sts-{i}";
            pod["metadata"]!["uid"] = $"uid-{i}";
            pod["status"]!["conditions"]![2]!["status"] = i % 3 == 0 ? "False" : "True";
            if (i == 7)
            {
                pod["metadata"]!["annotations"]!["large"] = new string('x', 200_000);
            }

            items.Add(pod);
        }

        return new JsonObject { ["kind"] = "PodList", ["apiVersion"] = "v1", ["items"] = items, ["metadata"] = new JsonObject { ["resourceVersion"] = "4711" } }.ToJsonString();
    }
}
