using System.Text.Json.Nodes;

namespace Orchestrator.Kubernetes.Tests.Support;

/// <summary>The simulator's audit log: one line per mutating request, with its code and user agent.</summary>
internal static class AuditLog
{
    public static IReadOnlyList<JsonNode> Lines(SimulationFixture fixture, string verb, string name)
    {
        using var stream = new FileStream(fixture.Simulation.AuditPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!)
            .Where(line => line["verb"]?.GetValue<string>() == verb && line["name"]?.GetValue<string>() == name)
            .ToList();
    }

    public static int Code(JsonNode line) => line["code"]!.GetValue<int>();

    public static string UserAgent(JsonNode line) => line["userAgent"]!.GetValue<string>();
}
