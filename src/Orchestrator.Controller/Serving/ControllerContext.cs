using Microsoft.Extensions.Logging;
using Orchestrator.Controller.Metrics;
using Orchestrator.Core.Persistence;

namespace Orchestrator.Controller.Serving;

/// <summary>What every rotation worker of one leadership term shares.</summary>
/// <param name="CaExpiries">What the metrics report of every watched CA Secret's entries.</param>
/// <param name="Metrics">What <c>/metrics</c> shows of the rotations.</param>
/// <param name="RotationEnded">Called when a worker's run ends, so that rotations waiting for its CA Secret look again.</param>
internal sealed record ControllerContext(
    ControllerSettings Settings,
    CaRotationApi Api,
    EventRecorder Events,
    IRotationStore Store,
    IRotationInputReader Inputs,
    TimeProvider Time,
    ILoggerFactory Loggers,
    Action<RotationWorker> RotationEnded,
    CaExpiryBoard CaExpiries,
    ControllerMetrics Metrics);
