namespace Orchestrator.Controller.Tests.Support;

/// <summary>The manifests of the repository's <c>samples/deploy/</c> directory, read where they are.</summary>
internal static class DeployFiles
{
    public const string CaRotationDefinition = "crd-carotation.yaml";
    public const string CaRotationExample = "carotation-example.yaml";
    public const string ScheduleDefinition = "crd-carotationschedule.yaml";
    public const string ScheduleExample = "carotationschedule-example.yaml";
    public const string ControllerNamespace = "namespace.yaml";
    public const string ServiceAccount = "serviceaccount.yaml";
    public const string Rbac = "rbac.yaml";
    public const string Deployment = "deployment.yaml";
    public const string KubeconfigSecretExample = "kubeconfig-secret-example.yaml";
    public const string Kustomization = "kustomization.yaml";

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Directory { get; } = Path.Combine(RepositoryRoot, "samples", "deploy");

    /// <summary>The Role a region grants the orchestrator (<c>samples/rbac.yaml</c>), which the deploy manifests bind.</summary>
    public static string RegionRbacPath { get; } = Path.Combine(RepositoryRoot, "samples", "rbac.yaml");

    /// <summary>Every Kubernetes manifest in the directory: all of its YAML files but the kustomization.</summary>
    public static IReadOnlyList<string> Manifests { get; } =
        [.. System.IO.Directory.GetFiles(Directory, "*.yaml").Select(path => Path.GetFileName(path)).Where(name => name != Kustomization).Order(StringComparer.Ordinal)];

    public static string PathOf(string name) => Path.Combine(Directory, name);

    // The tests run from bin/<configuration>/<framework>; the samples sit beside the solution file.
    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Orchestrator.sln above {AppContext.BaseDirectory}");
    }
}
