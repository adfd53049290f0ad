namespace Orchestrator.Testing;

/// <summary>Files of the repository (samples, workflows), found from where the tests run: bin/&lt;configuration&gt;/&lt;framework&gt;.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
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
