using System.Text;

namespace Orchestrator.Simulator.Tests.Support;

/// <summary>A region's faults in force until disposed, which clears them.</summary>
internal sealed class FaultScope(HttpClient http) : IAsyncDisposable
{
    private bool _cleared;

    public async ValueTask DisposeAsync()
    {
        if (_cleared)
        {
            return;
        }

        _cleared = true;
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri("/simulator/faults", UriKind.Relative), content, CancellationToken.None);
        response.EnsureSuccessStatusCode();
        http.Dispose();
    }
}
