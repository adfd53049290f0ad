using k8s;
using k8s.Exceptions;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Specs;
using YamlDotNet.Core;

namespace Orchestrator.Kubernetes.Connection;

/// <summary>Reads a region's kubeconfig and context, turning every way that can fail into one line that says why.</summary>
internal static class KubeconfigReader
{
    public static KubernetesClientConfiguration Read(RegionSpec region)
    {
        try
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigFile.Load(region.Kubeconfig), region.Context);
        }
        catch (Exception problem) when (problem is not OutOfMemoryException)
        {
            throw Unusable(region, Reason(problem), problem);
        }
    }

    public static ClusterException Unusable(RegionSpec region, string reason, Exception problem) =>
        new(ClusterFailure.Configuration, $"region {region.Name}: cannot use kubeconfig {region.Kubeconfig}: {reason}", problem);

    private static string Reason(Exception problem)
    {
        var reason = problem switch
        {
            KubeConfigException => problem.Message,
            UnauthorizedAccessException or IOException => problem.Message,

            // An entry without a name, say, which the client then dereferences.
            NullReferenceException => "the file is empty or not a kubeconfig",

            SyntaxErrorException or SemanticErrorException => $"not valid YAML (line {((YamlException)problem).Start.Line}): {problem.Message}",

            // YAML of another shape than the client's model: its message names .NET types ("Invalid cast from
            // 'System.String' to 'k8s.KubeConfigModels.Cluster'"), which tell a user nothing.
            YamlException shape => $"not a kubeconfig: the value at line {shape.Start.Line} is not what a kubeconfig has there (clusters, contexts and users are lists of named entries)",
            _ when problem.InnerException is { } inner => $"not a valid kubeconfig: {problem.Message} ({inner.Message})",
            _ => $"not a valid kubeconfig: {problem.Message}",
        };
        return OneLine(reason);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
