using System.Diagnostics.Metrics;
using System.Reflection;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Controller.Metrics;

/// <summary>
/// The controller's instruments, on the Meter <see cref="MeterName"/>: what <c>/metrics</c> shows. The names are the
/// Prometheus names alerting relies on (the exporter adds no suffix to them: each already ends in its unit or
/// <c>_total</c>). Per-rotation series come from <see cref="Rotations"/> as observed at each scrape, so a rotation
/// forgotten there is gone from the next scrape. The Kubernetes requests are counted by <see cref="KubernetesRequestMetrics"/>,
/// which the clients are made with before the host starts.
/// </summary>
public sealed class ControllerMetrics : IDisposable
{
    /// <summary>Every instrument of a Meter of this name, in any class, is exported.</summary>
    public const string MeterName = "Orchestrator.Controller";

    /// <summary>From seconds (a Secret write) to hours (a wait over a large cluster).</summary>
    private static readonly double[] StepDurationBuckets = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400];

    private readonly Meter _meter;
    private readonly Histogram<double> _stepDuration;
    private volatile bool _leading;

    public ControllerMetrics(IMeterFactory meters, CaExpiryBoard caExpiries, RotationBoard rotations)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(caExpiries);
        Rotations = rotations ?? throw new ArgumentNullException(nameof(rotations));
        _meter = meters.Create(MeterName);
        _stepDuration = _meter.CreateHistogram(
            "orchestrator_step_duration_seconds",
            unit: "s",
            description: "How long each step took, by step kind and outcome.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StepDurationBuckets });
        _meter.CreateObservableGauge("orchestrator_ca_certificate_expiration_timestamp_seconds", () => CaExpiryMetrics.Observe(caExpiries), unit: "s", description: "When each CA entry of each watched CA Secret expires (Unix time).");
        _meter.CreateObservableGauge("orchestrator_rotation_state", () => RotationMetrics.States(rotations), description: "1 for the state each rotation is in, 0 for the others.");
        _meter.CreateObservableGauge("orchestrator_rotation_step", () => RotationMetrics.Steps(rotations), description: "The number of the step each rotation is at.");
        _meter.CreateObservableGauge("orchestrator_rotation_steps_total", () => RotationMetrics.StepCounts(rotations), description: "How many steps each rotation has.");
        _meter.CreateObservableGauge("orchestrator_rotation_pods_ready", () => RotationMetrics.PodsReady(rotations), description: "Pods replaced and Ready in each region, as the rotation's last wait there saw them.");
        _meter.CreateObservableGauge("orchestrator_rotation_pods_total", () => RotationMetrics.PodsTotal(rotations), description: "Pods of each region's StatefulSets, as the rotation's last wait there saw them.");
        _meter.CreateObservableGauge("orchestrator_awaiting_approval", () => RotationMetrics.AwaitingApproval(rotations), description: "1 while a rotation is paused awaiting a person's approval.");
        _meter.CreateObservableGauge("orchestrator_leader", () => _leading ? 1 : 0, description: "1 while this replica leads, else 0.");
        _meter.CreateObservableGauge("orchestrator_build_info", () => new Measurement<int>(1, new KeyValuePair<string, object?>("version", Version)), description: "Always 1; the version label names the build.");
    }

    /// <summary>Where each rotation this replica runs stands.</summary>
    public RotationBoard Rotations { get; }

    private static string Version { get; } =
        typeof(ControllerMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Whether this replica leads now.</summary>
    public void Leading(bool leading) => _leading = leading;

    public void StepFinished(StepKind kind, string outcome, TimeSpan duration) =>
        _stepDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("kind", StepKinds.Name(kind)), new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => _meter.Dispose();
}
