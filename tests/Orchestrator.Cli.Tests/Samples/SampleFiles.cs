namespace Orchestrator.Cli.Tests.Samples;

/// <summary>The files of the repository's <c>samples/</c> directory, read where they are, as a user would copy them.</summary>
internal static class SampleFiles
{
    public const string OneRegionSpec = "rotation-one-region.yaml";
    public const string TwoRegionSpec = "rotation-two-regions.yaml";
    public const string Kubeconfig = "kubeconfig-multi-region.yaml";
    public const string Rbac = "rbac.yaml";

    public static string Directory { get; } = Find();

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));

    // The tests run from bin/<configuration>/<framework>; the samples sit beside the solution file.
    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln")))
            {
                return Path.Combine(directory.FullName, "samples");
            }
        }

        throw new InvalidOperationException($"no Orchestrator.sln above {AppContext.BaseDirectory}");
    }
}
