using System.Text;

namespace Orchestrator.Kubernetes.Tests.Support;

/// <summary>Sets a simulated region's faults (<c>PUT /simulator/faults</c>); disposing clears them.</summary>
internal sealed class Faults : IAsyncDisposable
{
    private readonly HttpClient _http;
    private bool _cleared;

    private Faults(HttpClient http) => _http = http;

    public static async Task<Faults> SetAsync(SimulationFixture fixture, string region, string json)
    {
        var http = fixture.Http(region);
        await PutAsync(http, json, TestContext.Current.CancellationToken);
        return new Faults(http);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cleared)
        {
            return;
        }

        _cleared = true;
        await PutAsync(_http, "{}", CancellationToken.None);
        _http.Dispose();
    }

    private static async Task PutAsync(HttpClient http, string json, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri("/simulator/faults", UriKind.Relative), content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
