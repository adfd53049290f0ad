using k8s;

namespace Orchestrator.Cli.Commands;

/// <summary>The cluster the controller runs in, as <c>serve</c> and the CaRotation commands reach it: a kubeconfig, or in-cluster credentials.</summary>
internal static class OwnCluster
{
    /// <summary>Where a pod's service account tells its namespace.</summary>
    private const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>
    /// How to build the own cluster's configuration (afresh for each client, which takes it over) and the namespace to
    /// watch; bad input is a UsageException (exit 2).
    /// </summary>
    public static (Func<KubernetesClientConfiguration> Build, string Namespace) Configuration(FileInfo? kubeconfig, string? context, string? @namespace)
    {
        Func<KubernetesClientConfiguration> build;
        KubernetesClientConfiguration config;
        if (kubeconfig is not null)
        {
            if (!kubeconfig.Exists)
            {
                throw new UsageException($"--kubeconfig: no file at {kubeconfig.FullName}");
            }

            try
            {
                config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig.FullName, context);
                build = () => KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig.FullName, context);
            }
            catch (Exception unusable) when (unusable is k8s.Exceptions.KubeConfigException or YamlDotNet.Core.YamlException or UriFormatException)
            {
                throw new UsageException($"--kubeconfig {kubeconfig.FullName}: {unusable.Message}");
            }
        }
        else if (context is not null)
        {
            throw new UsageException("--context needs --kubeconfig: in the cluster, the pod's service account is used");
        }
        else if (KubernetesClientConfiguration.IsInCluster())
        {
            config = KubernetesClientConfiguration.InClusterConfig();
            build = KubernetesClientConfiguration.InClusterConfig;
        }
        else
        {
            throw new UsageException("not running in a cluster: give --kubeconfig FILE (and --context, --namespace) to reach one from outside");
        }

        var pod = Environment.GetEnvironmentVariable("POD_NAMESPACE");
        var watched = @namespace ?? (string.IsNullOrEmpty(pod) ? null : pod);
        watched ??= kubeconfig is null && File.Exists(ServiceAccountNamespaceFile) ? File.ReadAllText(ServiceAccountNamespaceFile).Trim() : config.Namespace;
        return (build, watched is { Length: > 0 } ? watched : "default");
    }
}
