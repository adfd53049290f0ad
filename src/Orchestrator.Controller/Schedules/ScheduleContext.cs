using k8s;
using Microsoft.Extensions.Logging;
using Orchestrator.Controller.Metrics;
using Orchestrator.Controller.Serving;

namespace Orchestrator.Controller.Schedules;

/// <summary>What every schedule worker of one leadership term shares.</summary>
/// <param name="CaExpiries">Where each watched CA Secret's entries are published for the metrics.</param>
internal sealed record ScheduleContext(
    ControllerSettings Settings,
    ScheduleApi Api,
    EventRecorder Events,
    IRegionClients Regions,
    TimeProvider Time,
    ILoggerFactory Loggers,
    CaExpiryBoard CaExpiries)
{
    /// <summary>A list of everything watched this often, whatever the watches say, in case an event was missed.</summary>
    public TimeSpan Relist => Settings.Relist;

    /// <summary>The schedules' share of a term's <see cref="ControllerContext"/>, with their own API over <paramref name="client"/>.</summary>
    public static ScheduleContext Of(ControllerContext context, IKubernetes client, IRegionClients regions)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ScheduleContext(context.Settings, new ScheduleApi(client, context.Settings.Namespace), context.Events, regions, context.Time, context.Loggers, context.CaExpiries);
    }
}
