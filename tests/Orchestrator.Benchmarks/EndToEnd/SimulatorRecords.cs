using System.Text.Json;
using Orchestrator.Simulator.Hosting;

namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>What the simulator recorded, read back from its files: the server's account, not the client's.</summary>
internal sealed record SimulatorRecords(
    IReadOnlyList<RecordLine> Audit,
    IReadOnlyList<RecordLine> Requests,
    IReadOnlyList<RecordLine> Ready,
    int TrustViolations)
{
    public static SimulatorRecords Read(Simulation simulation) => new(
        Lines(simulation.AuditPath),
        Lines(simulation.RequestsPath!),
        Lines(simulation.ReadinessPath!),
        Lines(simulation.TrustPath).Count);

    private static List<RecordLine> Lines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<RecordLine>(line)!)
            .OrderBy(line => line.Time)
            .ToList();
    }
}
