namespace Orchestrator.Testing;

/// <summary>A directory of its own for one test, removed with everything in it afterwards.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        // A fresh owner-only directory straight under the temp directory: a shared parent would belong to
        // whichever user ran the tests first.
        Path = Directory.CreateTempSubdirectory("orchestrator-tests-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string Write(string name, byte[] bytes)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that has not yet let go of a file; the system's temp cleaning gets it eventually.
        }
    }
}
