using System.Diagnostics.Metrics;

namespace Orchestrator.Controller.Metrics;

/// <summary>The expiry board as <c>orchestrator_ca_certificate_expiration_timestamp_seconds</c> measurements.</summary>
internal static class CaExpiryMetrics
{
    public static IEnumerable<Measurement<double>> Observe(CaExpiryBoard board) =>
        board.Snapshot().Select(reading => new Measurement<double>(
            reading.NotAfter.ToUnixTimeSeconds(),
            new KeyValuePair<string, object?>("cluster", reading.Cluster),
            new KeyValuePair<string, object?>("region", reading.Region),
            new KeyValuePair<string, object?>("secret", reading.Secret),
            new KeyValuePair<string, object?>("entry", reading.Entry)));
}
