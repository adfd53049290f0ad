using System.Text;
using System.Text.Json;

namespace Orchestrator.Simulator.Audit;

/// <summary>
/// An append-only file of one JSON object per line, written whole and flushed at once so that readers (tests,
/// benchmarks, people with <c>tail -f</c>) see every line the moment it happened.
/// </summary>
internal sealed class JsonLinesFile : IDisposable
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _gate = new();
    private readonly FileStream _stream;

    public JsonLinesFile(string path)
    {
        Path = path;
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }

    public string Path { get; }

    public void Append<T>(T entry)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Options) + "\n");
        lock (_gate)
        {
            _stream.Write(line);
            _stream.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stream.Dispose();
        }
    }
}
