using System.Globalization;

namespace Orchestrator.Controller.Metrics;

/// <summary>Counts each request of one client as it is answered: its status code, or <c>error</c> when none came.</summary>
internal sealed class KubernetesRequestCounter(string region, KubernetesRequestMetrics metrics) : DelegatingHandler
{
    public const string NoAnswer = "error";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var verb = KubernetesVerbs.Of(request.Method, request.RequestUri);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch
        {
            metrics.Count(region, verb, NoAnswer);
            throw;
        }

        metrics.Count(region, verb, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        return response;
    }
}
