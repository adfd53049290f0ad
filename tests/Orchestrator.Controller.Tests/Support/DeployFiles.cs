namespace Orchestrator.Controller.Tests.Support;

/// <summary>The manifests of the repository's <c>samples/deploy/</c> directory, read where they are.</summary>
internal static class DeployFiles
{
    public const string CaRotationDefinition = "crd-carotation.yaml";
    public const string CaRotationExample = "carotation-example.yaml";

    public static string Directory { get; } = Find();

    public static string PathOf(string name) => Path.Combine(Directory, name);

    // The tests run from bin/<configuration>/<framework>; the samples sit beside the solution file.
    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln")))
            {
                return Path.Combine(directory.FullName, "samples", "deploy");
            }
        }

        throw new InvalidOperationException($"no Orchestrator.sln above {AppContext.BaseDirectory}");
    }
}
