using System.Net.Http;
using k8s;
using Microsoft.Extensions.Logging;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Specs;
using Orchestrator.Kubernetes.Connection;
using Orchestrator.Kubernetes.Diagnostics;
using Orchestrator.Kubernetes.Regions;

namespace Orchestrator.Kubernetes;

/// <summary>Opens regions through the official Kubernetes client, from each region's kubeconfig and context.</summary>
public sealed class KubernetesClusterConnector(ILoggerFactory loggers, TimeProvider timeProvider, KubernetesClientOptions? options = null) : IClusterConnector
{
    private readonly KubernetesClientOptions _options = Validated(options ?? new KubernetesClientOptions());

    /// <summary>Extra handlers put in front of every request of the clients this connector makes (tests count requests with one).</summary>
    internal Func<DelegatingHandler[]>? RequestHandlers { get; init; }

    public IRegionCluster Connect(RegionSpec region, string cluster)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(cluster);
        return Connect(region, cluster, KubeconfigReader.Read(region));
    }

    /// <summary>Opens a region from a configuration already built (from a kubeconfig held in a Secret, or in-cluster).</summary>
    public IRegionCluster Connect(RegionSpec region, string cluster, KubernetesClientConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(cluster);
        ArgumentNullException.ThrowIfNull(config);

        var logger = loggers.CreateLogger<KubernetesClusterConnector>();
        if (config.SkipTlsVerify)
        {
            Log.TlsVerificationSkipped(logger, region.Name, region.Kubeconfig);
        }

        var validator = new ServerCertificateValidator(config.SslCaCerts);

        // The client checks only the chain when the kubeconfig brings its own CA, not the host name; with no CA
        // of its own in the configuration it leaves the check to the callback set up here, which does both.
        config.SslCaCerts = null;
        config.FirstMessageHandlerSetup = handler => validator.ApplyTo(handler.SslOptions);
        config.UserAgent = _options.UserAgent;
        config.HttpClientTimeout = _options.RequestTimeout;

        RegionClient client;
        try
        {
            client = new RegionClient(config, [.. _options.RequestHandlers?.Invoke(region.Name) ?? [], .. RequestHandlers?.Invoke() ?? []]);
        }
        catch (Exception problem) when (problem is k8s.Exceptions.KubeConfigException or UriFormatException)
        {
            validator.Dispose();
            throw KubeconfigReader.Unusable(region, problem.Message, problem);
        }

        var target = new RegionTarget(region.Name, region.Namespace, cluster, new Uri(config.Host));
        return new KubernetesRegionCluster(client, validator, target, _options, timeProvider, logger);
    }

    private static KubernetesClientOptions Validated(KubernetesClientOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? options : throw new ArgumentException(string.Join("; ", problems), nameof(options));
    }
}
