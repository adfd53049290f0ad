using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Kubernetes.Objects;
using Orchestrator.Kubernetes.Observation;
using Orchestrator.Kubernetes.Tests.Support;

namespace Orchestrator.Kubernetes.Tests.Objects;

/// <summary>The reader, from a list and from a watch event, gives the record the client's typed model gave.</summary>
public sealed class ReadEquivalenceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("as written")]
    [InlineData("not ready")]
    [InlineData("no conditions")]
    [InlineData("ready but pending")]
    [InlineData("deleting")]
    [InlineData("no owner, no labels")]
    [InlineData("StatefulSet second among owners")]
    [InlineData("no status")]
    [InlineData("fields in another order")]
    [InlineData("escaped names and values")]
    [InlineData("nulls")]
    public async Task Pod_SameRecordAsTheTypedModel(string shape)
    {
        var json = PodShape(shape);
        var expected = TypedObjects.Pod(KubernetesJson.Deserialize<V1Pod>(json));

        Assert.Equal(expected, await FromListAsync<PodJson, Core.Cluster.PodStatus>(json, ClusterObjects.Pod));
        Assert.Equal(expected, await FromWatchAsync<PodJson, Core.Cluster.PodStatus>(json, ClusterObjects.Pod));
    }

    [Theory]
    [InlineData("as written")]
    [InlineData("on delete")]
    [InlineData("new, nothing observed yet")]
    [InlineData("nulls")]
    public async Task StatefulSet_SameRecordAsTheTypedModel(string shape)
    {
        var json = StatefulSetShape(shape);
        var expected = TypedObjects.StatefulSet(KubernetesJson.Deserialize<V1StatefulSet>(json));

        Assert.Equal(expected, await FromListAsync<StatefulSetJson, Core.Cluster.StatefulSetStatus>(json, ClusterObjects.StatefulSet));
        Assert.Equal(expected, await FromWatchAsync<StatefulSetJson, Core.Cluster.StatefulSetStatus>(json, ClusterObjects.StatefulSet));
    }

    [Theory]
    [InlineData("as written")]
    [InlineData("not yet acknowledged")]
    [InlineData("nulls")]
    [InlineData("keys out of order, an empty value")]
    public async Task Secret_SameChecksumsAsTheTypedModel(string shape)
    {
        var json = SecretShape(shape);
        var expected = TypedObjects.Secret(KubernetesJson.Deserialize<V1Secret>(json));

        Assert.Equal(expected, await FromListAsync<SecretJson, SecretChecksums>(json, (_, secret) => ClusterObjects.Checksums(secret)));
        Assert.Equal(expected, await FromWatchAsync<SecretJson, SecretChecksums>(json, (_, secret) => ClusterObjects.Checksums(secret)));
    }

    [Fact]
    public async Task Pod_AsWritten_HasEveryFieldARotationReads()
    {
        var pod = await FromWatchAsync<PodJson, Core.Cluster.PodStatus>(SampleObjects.Pod, ClusterObjects.Pod);

        Assert.Equal(
            new Core.Cluster.PodStatus("cluster1-dc1-default-sts-2", "7f1c1b8e-3c4d-4f7a-9a55-0d3b8d5e2a61", "cluster1-dc1-default-sts", "cluster1-dc1-default-sts-6b7c9d5f4", true, false),
            pod);
    }

    private static string PodShape(string shape)
    {
        if (shape == "as written")
        {
            return SampleObjects.Pod;
        }

        if (shape == "escaped names and values")
        {
            // Escapes in property names and in the values read, as any JSON writer may choose to send them.
            return SampleObjects.Pod
                .Replace("\"uid\": \"7f1c", "\"\\u0075id\": \"\\u0037f1c", StringComparison.Ordinal)
                .Replace("\"phase\": \"Running\"", "\"ph\\u0061se\": \"Runn\\u0069ng\"", StringComparison.Ordinal)
                .Replace("\"kind\": \"StatefulSet\"", "\"kind\": \"Stateful\\u0053et\"", StringComparison.Ordinal);
        }

        var pod = JsonNode.Parse(SampleObjects.Pod)!.AsObject();
        var metadata = pod["metadata"]!.AsObject();
        var status = pod["status"]!.AsObject();
        switch (shape)
        {
            case "not ready":
                status["conditions"]![2]!["status"] = "False";
                break;
            case "no conditions":
                status.Remove("conditions");
                break;
            case "ready but pending":
                status["phase"] = "Pending";
                break;
            case "deleting":
                metadata["deletionTimestamp"] = "2026-11-02T10:00:00Z";
                metadata["deletionGracePeriodSeconds"] = 120;
                break;
            case "no owner, no labels":
                metadata.Remove("ownerReferences");
                metadata.Remove("labels");
                break;
            case "StatefulSet second among owners":
                metadata["ownerReferences"] = JsonNode.Parse("""
                    [{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs-1","uid":"1"},
                     {"apiVersion":"apps/v1","kind":"StatefulSet","name":"first-set","uid":"2"},
                     {"apiVersion":"apps/v1","kind":"StatefulSet","name":"second-set","uid":"3"}]
                    """);
                break;
            case "no status":
                pod.Remove("status");
                break;
            case "fields in another order":
                var reordered = new JsonObject
                {
                    ["status"] = status.DeepClone(),
                    ["spec"] = pod["spec"]!.DeepClone(),
                    ["metadata"] = metadata.DeepClone(),
                    ["apiVersion"] = "v1",
                    ["kind"] = "Pod",
                    ["somethingNew"] = JsonNode.Parse("""{"nested":[{"status":"Ready"},[1,2,{"phase":"Running"}]]}"""),
                };
                return reordered.ToJsonString();
            case "nulls":
                metadata["labels"] = null;
                metadata["ownerReferences"] = null;
                metadata["deletionTimestamp"] = null;
                status["conditions"] = null;
                pod["spec"] = null;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, "no such shape");
        }

        return pod.ToJsonString();
    }

    private static string StatefulSetShape(string shape)
    {
        if (shape == "as written")
        {
            return SampleObjects.StatefulSet;
        }

        var set = JsonNode.Parse(SampleObjects.StatefulSet)!.AsObject();
        var spec = set["spec"]!.AsObject();
        switch (shape)
        {
            case "on delete":
                spec["updateStrategy"] = JsonNode.Parse("""{"type":"OnDelete"}""");
                break;
            case "new, nothing observed yet":
                set.Remove("status");
                spec.Remove("replicas");
                spec.Remove("updateStrategy");
                set["metadata"]!.AsObject().Remove("generation");
                break;
            case "nulls":
                spec["updateStrategy"] = JsonNode.Parse("""{"type":"RollingUpdate","rollingUpdate":{"partition":null}}""");
                set["status"]!["currentRevision"] = null;
                set["status"]!["readyReplicas"] = null;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, "no such shape");
        }

        return set.ToJsonString();
    }

    private static string SecretShape(string shape)
    {
        if (shape == "as written")
        {
            return SampleObjects.Secret;
        }

        var secret = JsonNode.Parse(SampleObjects.Secret)!.AsObject();
        switch (shape)
        {
            case "not yet acknowledged":
                secret["metadata"]!["annotations"]!.AsObject().Remove("cassandra-cluster-checksum");
                break;
            case "nulls":
                secret["metadata"]!["annotations"] = null;
                secret["data"] = null;
                break;
            case "keys out of order, an empty value":
                secret["data"] = JsonNode.Parse("""{"z.crt":"eg==","ca.crt":"","a.crt":"YQ=="}""");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, "no such shape");
        }

        return secret.ToJsonString();
    }

    private static async Task<T> FromListAsync<TObject, T>(string item, Func<string, TObject, T> map)
        where TObject : class, IObjectJson
    {
        var list = $$"""{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":[{{item}}]}""";
        var (items, version) = await ObjectReader.ReadListAsync(new TrickleStream(Encoding.UTF8.GetBytes(list), 13), map, Token);
        Assert.Equal("9", version);
        return Assert.Single(items).Status;
    }

    private static async Task<T> FromWatchAsync<TObject, T>(string item, Func<string, TObject, T> map)
        where TObject : class, IObjectJson
    {
        // A watch event is one line: the sample's line breaks are only whitespace between tokens.
        var line = $$"""{"type":"MODIFIED","object":{{item.Replace('\n', ' ')}}}""" + "\n";
        var changes = new List<WatchChange<T>>();
        await foreach (var change in ObjectReader.ReadWatchAsync(new TrickleStream(Encoding.UTF8.GetBytes(line), 7), map, Token))
        {
            changes.Add(change);
        }

        var only = Assert.Single(changes);
        Assert.Equal(WatchEventType.Modified, only.Type);
        return only.Status!;
    }
}
