using Orchestrator.Controller.Metrics;

namespace Orchestrator.Controller.Tests.Metrics;

/// <summary>The verb label of <c>orchestrator_kubernetes_requests_total</c>, named as the API server's audit log names it.</summary>
public sealed class KubernetesVerbsTests
{
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/anton/secrets/example-cluster-manual-tls-ca", "get")]
    [InlineData("GET", "/api/v1/namespaces/anton/secrets?fieldSelector=metadata.name%3Dx", "list")]
    [InlineData("GET", "/api/v1/namespaces/anton/pods?watch=true&resourceVersion=5", "watch")]
    [InlineData("GET", "/apis/apps/v1/namespaces/anton/statefulsets", "list")]
    [InlineData("GET", "/apis/cassandra.orchestrator.io/v1alpha1/namespaces/orchestrator/carotations/rotate/status", "get")]
    [InlineData("GET", "/api/v1/namespaces/anton", "get")]
    [InlineData("GET", "/api/v1/namespaces", "list")]
    [InlineData("GET", "/apis/coordination.k8s.io/v1/watch/namespaces/orchestrator/leases", "watch")]
    [InlineData("GET", "/version", "get")]
    [InlineData("POST", "/api/v1/namespaces/anton/events", "create")]
    [InlineData("PUT", "/api/v1/namespaces/anton/secrets/x", "update")]
    [InlineData("PATCH", "/api/v1/namespaces/anton/events/x.1", "patch")]
    [InlineData("DELETE", "/api/v1/namespaces/orchestrator/secrets/x", "delete")]
    public void Of_Request_IsTheVerbTheAuditLogNames(string method, string path, string verb) =>
        Assert.Equal(verb, KubernetesVerbs.Of(new HttpMethod(method), new Uri("https://127.0.0.1:6443" + path)));
}
