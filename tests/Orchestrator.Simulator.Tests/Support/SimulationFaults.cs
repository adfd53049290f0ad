using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.Simulator.Tests.Support;

/// <summary>What fault tests do to a running simulation: set a region's faults, and read what its audit log recorded.</summary>
internal static class SimulationFaults
{
    /// <summary>Sets a region's faults; disposing the result clears them.</summary>
    public static async Task<FaultScope> SetFaultsAsync(this SimulationFixture fixture, string region, string json, CancellationToken cancellationToken)
    {
        var http = fixture.Http(region);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri("/simulator/faults", UriKind.Relative), content, cancellationToken);
        response.EnsureSuccessStatusCode();
        return new FaultScope(http);
    }

    /// <summary>Every write the simulation's audit log holds so far, one JSON object each.</summary>
    public static List<JsonNode> AuditLines(this SimulationFixture fixture)
    {
        using var stream = new FileStream(fixture.Simulation.AuditPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
    }
}
