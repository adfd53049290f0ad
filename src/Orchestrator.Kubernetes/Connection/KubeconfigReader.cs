using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Specs;
using YamlDotNet.Core;

namespace Orchestrator.Kubernetes.Connection;

/// <summary>Reads a region's kubeconfig and context, turning every way that can fail into one line that says why.</summary>
public static class KubeconfigReader
{
    /// <summary>A refusal lists this many of the file's contexts at most, so that it stays one readable line.</summary>
    private const int MaximumListed = 10;

    public static KubernetesClientConfiguration Read(RegionSpec region)
    {
        try
        {
            var file = KubeconfigFile.Load(region.Kubeconfig);
            CheckContext(file, region.Context);
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(file, region.Context);
        }
        catch (Exception problem) when (problem is not OutOfMemoryException)
        {
            throw Unusable(region, Reason(problem), problem);
        }
    }

    /// <summary>A kubeconfig given as text; <see cref="RegionSpec.Kubeconfig"/> says where it came from.</summary>
    public static KubernetesClientConfiguration Parse(RegionSpec region, string text)
    {
        try
        {
            var file = KubeconfigFile.Parse(text);
            CheckContext(file, region.Context);
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(file, region.Context);
        }
        catch (Exception problem) when (problem is not OutOfMemoryException)
        {
            throw Unusable(region, Reason(problem), problem);
        }
    }

    public static ClusterException Unusable(RegionSpec region, string reason, Exception problem) =>
        new(ClusterFailure.Configuration, $"region {region.Name}: cannot use kubeconfig {region.Kubeconfig}: {reason}", problem);

    /// <summary>
    /// The context the region names, or else the file's current-context, must be one of the file's: said here with the
    /// contexts it has, where the client would say only "CurrentContext: X not found in contexts". Matched as the
    /// client matches it, ignoring case.
    /// </summary>
    private static void CheckContext(K8SConfiguration file, string? context)
    {
        var names = (file.Contexts ?? []).Select(entry => entry.Name).Where(name => !string.IsNullOrEmpty(name)).ToList();
        var wanted = context ?? file.CurrentContext;
        if (!string.IsNullOrEmpty(wanted) && names.Contains(wanted, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var which = string.IsNullOrEmpty(wanted)
            ? "the spec names no context for this region and the file has no current-context"
            : context is null ? $"its current-context {wanted} not found" : $"context {wanted} not found";
        var choice = names.Count switch
        {
            0 => "the file has no contexts",
            <= MaximumListed => $"its contexts are {string.Join(", ", names)}; set the region's context in the spec to one of them",
            _ => $"its contexts include {string.Join(", ", names.Take(MaximumListed))} and {names.Count - MaximumListed} more; set the region's context in the spec to one of them",
        };
        throw new KubeConfigException($"{which}; {choice}");
    }

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
