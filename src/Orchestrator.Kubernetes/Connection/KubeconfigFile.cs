using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Orchestrator.Kubernetes.Connection;

/// <summary>
/// Parses a kubeconfig file into the client's own model as its loader does (the same YAML library, naming convention
/// and leniency; relative paths resolved against the file's directory), but without the client's
/// <c>KubernetesYaml</c>, whose first use reads every property of its several hundred API model types to build three
/// serializers: a fifth of a second of a command's start when published (half a second JIT-compiled), for a file of
/// a few dozen lines whose model needs none of it.
/// </summary>
internal static class KubeconfigFile
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithAttemptingUnquotedStringTypeDeserialization()
        .IgnoreUnmatchedProperties()
        .Build();

    public static K8SConfiguration Load(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new KubeConfigException($"kubeconfig file not found at {file.FullName}");
        }

        using var reader = file.OpenText();
        var configuration = Deserializer.Deserialize<K8SConfiguration?>(reader)
            ?? throw new KubeConfigException("the file is empty or not a kubeconfig");
        configuration.FileName = file.FullName;
        return configuration;
    }

    /// <summary>A kubeconfig held as text (in a Secret): it has no directory, so its credentials must be inline.</summary>
    public static K8SConfiguration Parse(string text) =>
        Deserializer.Deserialize<K8SConfiguration?>(new StringReader(text))
        ?? throw new KubeConfigException("the kubeconfig is empty");
}
