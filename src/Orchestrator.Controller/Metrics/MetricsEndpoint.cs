using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Orchestrator.Controller.Metrics;

/// <summary>
/// <c>/metrics</c> in the Prometheus text format, of every instrument of every Meter named
/// <see cref="ControllerMetrics.MeterName"/>, whoever made it.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IServiceCollection AddControllerMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton<CaExpiryBoard>();
        services.TryAddSingleton<RotationBoard>();
        services.TryAddSingleton<ControllerMetrics>();

        // OpenTelemetry's exporter, though still a beta, rather than the stable prometheus-net: prometheus-net's Meter
        // adapter names every metric "<meter>_<instrument>" (orchestrator_controller_...) and exports counters as gauges,
        // so the names alerting relies on could not come from the Meter through it; this one keeps the instrument names.
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orchestrator"))
            .WithMetrics(metrics => metrics
                .AddMeter(ControllerMetrics.MeterName)

                // Each scrape reads the instruments afresh: scrapes come seconds apart, and a cached answer would lag them.
                .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static void MapControllerMetrics(this WebApplication app)
    {
        // Observable instruments are read at each scrape: made now, so that the first scrape already shows them.
        app.Services.GetRequiredService<ControllerMetrics>();
        app.MapPrometheusScrapingEndpoint(Path);
    }
}
