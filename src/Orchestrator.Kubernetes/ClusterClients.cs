using k8s;
using Orchestrator.Kubernetes.Connection;

namespace Orchestrator.Kubernetes;

/// <summary>Clients of a cluster other than a rotation's regions (the controller's own), with a region client's checks.</summary>
public static class ClusterClients
{
    /// <summary>How <see cref="KubernetesClientOptions.RequestHandlers"/> names the cluster of a client made here.</summary>
    public const string OwnCluster = "controller";

    /// <summary>
    /// A client for <paramref name="config"/> that checks the server's certificate as kubectl does (chain and host
    /// name) and can stream lists and watches of any resource. It lives as long as the process that makes it.
    /// </summary>
    public static IKubernetes Create(KubernetesClientConfiguration config, KubernetesClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new KubernetesClientOptions();
        var validator = new ServerCertificateValidator(config.SslCaCerts);
        config.SslCaCerts = null;
        config.FirstMessageHandlerSetup = handler => validator.ApplyTo(handler.SslOptions);
        config.UserAgent = options.UserAgent;
        config.HttpClientTimeout = options.RequestTimeout;
        return new RegionClient(config, [.. options.RequestHandlers?.Invoke(OwnCluster) ?? []]);
    }
}
