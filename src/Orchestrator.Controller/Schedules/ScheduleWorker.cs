using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orchestrator.Controller.Resources;
using Orchestrator.Core.Specs;

namespace Orchestrator.Controller.Schedules;

/// <summary>
/// One schedule for as long as it exists in a leadership term: a watch of its CA Secret in every region of its template,
/// and a look at the whole (<see cref="ScheduleReconciler"/>) whenever a Secret, the schedule or one of its CaRotations
/// changes, or when the next renewal falls due (a timer of the term's <see cref="TimeProvider"/>, no polling).
/// </summary>
internal sealed partial class ScheduleWorker
{
    /// <summary>
    /// The longest a timer is set for: timers take at most about 49 days, a CA lasts years; one that fires early only
    /// leads to a look that sets the next.
    /// </summary>
    private static readonly TimeSpan LongestTimer = TimeSpan.FromDays(7);

    private readonly ScheduleContext _context;
    private readonly ILogger _logger;
    private readonly ScheduleReconciler _reconciler;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RegionCaReading> _readings = new(StringComparer.Ordinal);
    private CaRotationSchedule _latest;
    private RegionWatches? _watches;

    public ScheduleWorker(ScheduleContext context, CaRotationSchedule schedule)
    {
        _context = context;
        _latest = schedule;
        _logger = context.Loggers.CreateLogger("Orchestrator.Controller.Schedules");
        _reconciler = new ScheduleReconciler(context, _logger);
    }

    public string Name => _latest.Metadata.Name;

    /// <summary>A newer version of the schedule from the watch.</summary>
    public void Observe(CaRotationSchedule schedule)
    {
        lock (_gate)
        {
            _latest = schedule;
        }

        Nudge();
    }

    /// <summary>Something it depends on changed: it looks again soon.</summary>
    public void Nudge() => _wake.Writer.TryWrite(true);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                CaRotationSchedule schedule;
                lock (_gate)
                {
                    schedule = _latest;
                }

                var wakeAt = await LookAsync(schedule, cancellationToken);
                var delay = wakeAt is { } at ? at - _context.Time.GetUtcNow() : (TimeSpan?)null;
                using var timer = delay is { } wait
                    ? _context.Time.CreateTimer(_ => Nudge(), null, wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestTimer ? LongestTimer : wait, Timeout.InfiniteTimeSpan)
                    : null;
                await _wake.Reader.ReadAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The schedule is gone, or the term is over.
        }
        finally
        {
            await StopWatchesAsync();
        }
    }

    /// <returns>When to look again without being nudged; null when only a change can make a difference.</returns>
    private async Task<DateTimeOffset?> LookAsync(CaRotationSchedule schedule, CancellationToken cancellationToken)
    {
        try
        {
            ScheduleSettings settings;
            try
            {
                settings = ScheduleSpecReader.Read(schedule.Spec);
            }
            catch (SpecException invalid)
            {
                await StopWatchesAsync();
                await _reconciler.ReportInvalidAsync(schedule, invalid.Problems, cancellationToken);
                return null;
            }

            await EnsureWatchesAsync(settings);
            IReadOnlyList<RegionCaReading> readings;
            lock (_gate)
            {
                readings = [.. settings.Template.Regions.Select(region => _readings.GetValueOrDefault(region.Name)).OfType<RegionCaReading>()];
            }

            return await _reconciler.ReconcileAsync(schedule, settings, readings, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // An API call failed (the server unreachable, a conflict): looked at again after a while, or on the next change.
            LogLookFailed(_logger, schedule.Metadata.Name, failure.Message);
            return _context.Time.GetUtcNow() + _context.Settings.BlockedRetry;
        }
    }

    /// <summary>Watches the CA Secret of the template's regions; started afresh when the template changes.</summary>
    private async Task EnsureWatchesAsync(ScheduleSettings settings)
    {
        if (_watches is not null && _watches.Template.Equals(settings.Template))
        {
            return;
        }

        await StopWatchesAsync();
        var template = settings.Template;
        var stop = new CancellationTokenSource();
        var tasks = template.Regions
            .Select((region, index) => Task.Run(
                () => new RegionWatch(_context, template, region, index, Record).RunAsync(stop.Token),
                CancellationToken.None))
            .ToList();
        _watches = new RegionWatches(template, stop, tasks);
    }

    private async Task StopWatchesAsync()
    {
        if (_watches is not { } watches)
        {
            return;
        }

        _watches = null;
        await watches.Stop.CancelAsync();
        await Task.WhenAll(watches.Tasks);
        watches.Stop.Dispose();
        lock (_gate)
        {
            _readings.Clear();
        }

        foreach (var region in watches.Template.Regions)
        {
            _context.CaExpiries.Forget(watches.Template.Cluster, region.Name, watches.Template.CaSecret);
        }
    }

    private void Record(CaRotationSpec template, RegionCaReading reading)
    {
        lock (_gate)
        {
            _readings[reading.Region] = reading;
        }

        _context.CaExpiries.Publish(template.Cluster, reading.Region, template.CaSecret, reading.Entries);
        Nudge();
    }

    [LoggerMessage(EventId = 3310, Level = LogLevel.Warning, Message = "CaRotationSchedule {Name}: {Problem}; looking again later")]
    private static partial void LogLookFailed(ILogger logger, string name, string problem);

    private sealed record RegionWatches(CaRotationSpec Template, CancellationTokenSource Stop, IReadOnlyList<Task> Tasks);
}
