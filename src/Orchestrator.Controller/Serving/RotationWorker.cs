using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orchestrator.Controller.Regions;
using Orchestrator.Controller.Resources;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Failures;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Leases;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Preflight;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Workflows;
using Orchestrator.Crypto;

namespace Orchestrator.Controller.Serving;

/// <summary>
/// Runs one CaRotation for as long as this replica leads: starts it (preflight, Leases, the rotation in the store),
/// resumes it where the store says it stands, takes <c>spec.abort</c> and deletion as abort requests, and reports
/// everything in the CaRotation's status and Events. Between runs it waits for the object to change, or, while
/// blocked by another rotation of its CA Secret, for a while.
/// </summary>
internal sealed partial class RotationWorker
{
    /// <summary>Holds a deleted CaRotation until its clusters are safe: rolled back, or finished once removal started.</summary>
    public const string Finalizer = "cassandra.orchestrator.io/rotation";

    /// <summary>Set on a Failed CaRotation to run it again from its failed step; removed once taken up.</summary>
    public const string RetryAnnotation = "cassandra.orchestrator.io/retry";

    /// <summary>A digest of the spec a rotation started with (abort, approvedStep and paused aside): a later change is reported, never applied.</summary>
    public const string StartedSpecAnnotation = "cassandra.orchestrator.io/started-spec";

    private readonly ControllerContext _context;
    private readonly ILogger _logger;
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private CaRotation _resource;
    private long? _refusedGeneration;
    private long? _abortHandledGeneration;
    private long? _specCheckedGeneration;
    private long? _approvalCheckedGeneration;
    private DateTimeOffset? _wakeAt;

    public RotationWorker(ControllerContext context, CaRotation resource)
    {
        _context = context;
        _resource = resource;
        _logger = context.Loggers.CreateLogger("Orchestrator.Controller");
    }

    public string Name => Current.Metadata.Name;

    /// <summary>The CA Secret this CaRotation rotates: rotations of one Secret are started one at a time.</summary>
    public string SecretKey => $"{Current.Spec.Namespace}/{Current.Spec.CaSecret}";

    private CaRotation Current
    {
        get
        {
            lock (_gate)
            {
                return _resource;
            }
        }
    }

    /// <summary>A newer version of the object arrived from the watch.</summary>
    public void Observe(CaRotation resource)
    {
        lock (_gate)
        {
            _resource = resource;
        }

        Nudge();
    }

    /// <summary>Something it may be waiting for happened (another rotation ended): look again.</summary>
    public void Nudge()
    {
        // At most one signal waits: many changes before the worker looks are one look.
        _changed.Writer.TryWrite(true);
    }

    /// <summary>Works until the rotation needs nothing more from this replica, or the term ends.</summary>
    public async Task RunAsync(CancellationToken term)
    {
        await using var reporter = new RotationReporter(_context.Api, _context.Events, Current, _logger, term);
        try
        {
            while (!term.IsCancellationRequested)
            {
                var next = await DecideAsync(reporter, term);
                if (next == Next.Done)
                {
                    return;
                }

                if (next == Next.Again)
                {
                    continue;
                }

                using var timer = next == Next.WaitUntil ? new CancellationTokenSource(UntilWake(), _context.Time) : null;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(term, timer?.Token ?? CancellationToken.None);
                if (next == Next.RetryLater)
                {
                    wait.CancelAfter(_context.Settings.BlockedRetry);
                }

                try
                {
                    await _changed.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!term.IsCancellationRequested)
                {
                    // Time to look again.
                }
            }
        }
        catch (OperationCanceledException) when (term.IsCancellationRequested)
        {
            // Leadership ended: the state is saved, the successor goes on from it.
        }
        catch (StoreException fenced) when (term.IsCancellationRequested)
        {
            LogFenced(_logger, Name, fenced.Message);
        }
        finally
        {
            // Its series go with the worker: the metrics show the rotations that need something, not every one there was.
            _context.Metrics.Rotations.Forget(Name);
        }
    }

    private async Task<Next> DecideAsync(RotationReporter reporter, CancellationToken term)
    {
        var resource = Current;
        reporter.Observed(resource);
        var id = RotationId.Parse(resource.Metadata.Name);
        var rotation = await _context.Store.FindAsync(id, term);
        var deleting = resource.Metadata.DeletionTimestamp is not null;
        if (rotation is null)
        {
            if (deleting)
            {
                await ReleaseAsync(resource, reporter, "nothing was started", term);
                return Next.Done;
            }

            if (resource.Spec.Abort == true)
            {
                reporter.Status(StatusReport.AbortedBeforeStart(resource.Metadata.Generation, reporter.Latest, _context.Time.GetUtcNow()));
                reporter.Event(EventRecorder.Normal, "RolledBack", "spec.abort was set before the rotation started: nothing was changed");
                return Next.Done;
            }

            if (_refusedGeneration == resource.Metadata.Generation && !Annotated(resource, RetryAnnotation))
            {
                return Next.WaitForChange;
            }

            return await StartAsync(resource, id, reporter, term);
        }

        if (rotation.State is RotationState.Succeeded or RotationState.RolledBack)
        {
            reporter.Status(StatusOf(rotation, resource, reporter));
            await ReleaseAsync(resource, reporter, null, term);
            return Next.Done;
        }

        ReportSpecChange(resource, reporter);
        var abortPending = await TakeAbortRequestAsync(resource, rotation, deleting, reporter, term);
        var retry = Annotated(resource, RetryAnnotation);
        if (rotation.State == RotationState.Failed && !retry && !abortPending)
        {
            reporter.Status(StatusOf(rotation, resource, reporter));
            return Next.WaitForChange;
        }

        // Held, it waits for its release without running, deleted or not: the finalizer keeps it until it has finished.
        if (rotation.State == RotationState.Paused && !abortPending && !retry)
        {
            var held = RotationGates.Before(rotation, rotation.NextStep()!, ResourceGates.SignalsOf(resource), _context.Time.GetUtcNow());
            if (held is not null && held.Reason == rotation.Hold?.Reason && held.Step == rotation.Hold.Step)
            {
                reporter.Status(StatusOf(rotation, resource, reporter));
                ReportIgnoredApproval(resource, held, reporter);
                _wakeAt = held.Until;
                return held.Until is null ? Next.WaitForChange : Next.WaitUntil;
            }

            if (held is null && rotation.Hold is { Reason: not HoldReason.WaitingForWindow } released)
            {
                reporter.Event(
                    EventRecorder.Normal,
                    released.Reason == HoldReason.AwaitingApproval ? "Approved" : "Continued",
                    released.Reason == HoldReason.AwaitingApproval ? $"step {released.Step} approved: going on" : "spec.paused was cleared: going on");
            }
        }

        if (retry)
        {
            resource = await _context.Api.PatchMetadataAsync(resource, null, new Dictionary<string, string?> { [RetryAnnotation] = null }, term);
            Observe(resource);
            reporter.Event(EventRecorder.Normal, "Retrying", $"the retry annotation was set: resuming from {rotation.State}");
        }

        var input = await ReadInputAsync(resource, reporter, term);
        if (input is null)
        {
            return Next.RetryLater;
        }

        using var clusters = new RegionClusters(input.Connector, rotation.Spec);
        await using var leases = new RotationLeases(clusters, rotation.Spec, Holder(id), _context.Time, _context.Loggers.CreateLogger("Orchestrator.Leases"));

        // The next leader holds the region Leases under the same name: once this term ends they are left to it.
        using var handOver = term.Register(leases.LeaveToSuccessor);
        if (await leases.AcquireAsync(forceTakeover: false, term) is { } refusal)
        {
            Block(resource, rotation, reporter, refusal);
            return Next.RetryLater;
        }

        reporter.Event(EventRecorder.Normal, "Resumed", $"resumed from {rotation.State} at step {rotation.NextStep()?.Number ?? rotation.Steps.Count} of {rotation.Steps.Count}");
        return await RunLeasedAsync(rotation, clusters, leases, reporter, term);
    }

    private async Task<Next> StartAsync(CaRotation resource, RotationId id, RotationReporter reporter, CancellationToken term)
    {
        var input = await ReadInputAsync(resource, reporter, term);
        if (input is null)
        {
            return _refusedGeneration == resource.Metadata.Generation ? Next.WaitForChange : Next.RetryLater;
        }

        var spec = input.Spec;
        var newCa = NewCaHeadStart.Begin(spec, _context.Time);
        using var clusters = new RegionClusters(input.Connector, spec);
        PreflightReport report;
        try
        {
            var preflight = new PreflightCheck(clusters, _context.Time, _context.Loggers.CreateLogger("Orchestrator.Preflight"));
            report = await input.Preflight(preflight, term, new LeaseCheck(Holder(id), ForceTakeover: false));
        }
        catch (LeaseHeldException held)
        {
            Block(resource, null, reporter, held.Message);
            return Next.RetryLater;
        }
        catch (Exception refused) when (refused is OrchestratorException or CryptoInputException && !term.IsCancellationRequested)
        {
            Refuse(resource, reporter, refused.Message, refused is WindowUnsatisfiableException ? "WindowUnsatisfiable" : "PreflightFailed");
            return Next.WaitForChange;
        }

        var rotation = Rotation.Create(
            id,
            spec,
            WorkflowLoader.Load(WorkflowLoader.DefaultPath),
            report.OldCa,
            report.SuppliedNewCa,
            report.Regions.ToDictionary(region => region.Region, region => region.Baseline),
            _context.Time.GetUtcNow());
        await using var leases = new RotationLeases(clusters, spec, Holder(id), _context.Time, _context.Loggers.CreateLogger("Orchestrator.Leases"));
        using var handOver = term.Register(leases.LeaveToSuccessor);
        if (await leases.AcquireAsync(forceTakeover: false, term) is { } refusal)
        {
            Block(resource, null, reporter, refusal);
            return Next.RetryLater;
        }

        resource = await _context.Api.PatchMetadataAsync(
            resource,
            Finalizers(resource, add: true),
            new Dictionary<string, string?> { [StartedSpecAnnotation] = SpecDigest(resource.Spec), [RetryAnnotation] = null },
            term);
        Observe(resource);
        await _context.Store.CreateAsync(rotation, [Created(rotation, resource)], term);
        _specCheckedGeneration = resource.Metadata.Generation;
        reporter.Event(EventRecorder.Normal, "RotationStarted", $"rotation of Secret {spec.Namespace}/{spec.CaSecret} started: {rotation.Steps.Count} steps over {string.Join(", ", spec.Regions.Select(region => region.Name))}");
        return await RunLeasedAsync(rotation, clusters, leases, reporter, term, newCa);
    }

    private async Task<Next> RunLeasedAsync(Rotation rotation, RegionClusters clusters, RotationLeases leases, RotationReporter reporter, CancellationToken term, NewCaHeadStart? newCa = null)
    {
        var resource = Current;
        var observer = new ControllerObserver(
            reporter, running => StatusOf(running, Current, reporter), _context.Time, Name, _context.Metrics, region => (clusters[region] as ReportingRegionCluster)?.CaSecretEvents);
        var runner = new RotationRunner(_context.Store, clusters, observer, _context.Time, _context.Loggers, newCa, new ResourceGates(() => Current));
        using var run = CancellationTokenSource.CreateLinkedTokenSource(term, leases.Lost);
        reporter.Status(StatusOf(rotation, resource, reporter));
        RunOutcome outcome;
        using (var running = CancellationTokenSource.CreateLinkedTokenSource(term))
        {
            var forwarding = Task.Run(() => ForwardAbortRequestsAsync(rotation, reporter, running.Token), CancellationToken.None);
            try
            {
                outcome = await runner.RunAsync(rotation, run.Token);
            }
            finally
            {
                await running.CancelAsync();
                await forwarding;
            }
        }

        if (term.IsCancellationRequested)
        {
            return Next.Done;
        }

        reporter.Status(StatusOf(rotation, Current, reporter));
        switch (outcome)
        {
            case RunOutcome.Succeeded:
                reporter.Event(EventRecorder.Normal, "RotationSucceeded", rotation.Reason ?? "every step succeeded");
                break;
            case RunOutcome.RolledBack:
                reporter.Event(EventRecorder.Normal, "RolledBack", rotation.Reason ?? "every region is back on the old CA alone");
                break;
            case RunOutcome.Held when rotation.Hold is { } hold:
                observer.Event(hold.Region, EventRecorder.Normal, hold.Reason.ToString(), $"{hold.Message}; {HowToRelease(hold)}");
                break;
            case RunOutcome.Interrupted when leases.Lost.IsCancellationRequested:
                reporter.Event(EventRecorder.Warning, "LeaseLost", leases.LostReason ?? "a region's rotation Lease was taken");
                break;
            default:
                reporter.Event(EventRecorder.Warning, "RotationFailed", $"{rotation.Reason}; set the annotation {RetryAnnotation} to retry, or spec.abort to roll back");
                break;
        }

        // The Events on the regions' CA Secrets are written with the regions' clients, which go when the run's clusters do.
        await reporter.FlushAsync(term);
        _context.RotationEnded(this);
        return Next.Again;
    }

    /// <summary>
    /// While the run goes, takes each change of the object as it comes: spec.abort or deletion becomes an abort
    /// request, which the run picks up as the CLI's <c>abort</c> would make it.
    /// </summary>
    private async Task ForwardAbortRequestsAsync(Rotation rotation, RotationReporter reporter, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _changed.Reader.ReadAsync(cancellationToken);
                var resource = Current;
                reporter.Observed(resource);
                ReportSpecChange(resource, reporter);
                try
                {
                    await TakeAbortRequestAsync(resource, rotation, resource.Metadata.DeletionTimestamp is not null, reporter, cancellationToken);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    // Looked at again on the next change, and when the run ends.
                    _abortHandledGeneration = null;
                    LogAbortRequestFailed(_logger, Name, failure.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over; what changed since is decided on next.
        }
    }

    /// <summary>Turns spec.abort, or deletion, into an abort request the run takes; true when one is pending.</summary>
    private async Task<bool> TakeAbortRequestAsync(CaRotation resource, Rotation rotation, bool deleting, RotationReporter reporter, CancellationToken term)
    {
        if (rotation.State == RotationState.RollingBack)
        {
            return false;
        }

        if (await _context.Store.FindAbortRequestAsync(rotation.Id, term) is not null)
        {
            return true;
        }

        if ((resource.Spec.Abort != true && !deleting) || _abortHandledGeneration == resource.Metadata.Generation)
        {
            return false;
        }

        _abortHandledGeneration = resource.Metadata.Generation;
        if (RollbackPlanner.Refusal(rotation) is { } refusal)
        {
            reporter.Event(EventRecorder.Warning, deleting ? "DeletionHeld" : "AbortRefused", deleting ? $"the CaRotation is kept until the rotation has finished: {refusal}" : refusal);
            return false;
        }

        await _context.Store.RequestAbortAsync(rotation.Id, deleting ? "the CaRotation was deleted" : "spec.abort was set", term);
        reporter.Event(EventRecorder.Normal, deleting ? "DeletionHeld" : "AbortRequested", deleting ? "the CaRotation is kept until the rotation is rolled back" : "spec.abort was set: rolling back");
        return true;
    }

    /// <summary>What a person does to let a held rotation go on, as its Events say.</summary>
    private string HowToRelease(Hold hold) => hold.Reason switch
    {
        HoldReason.AwaitingApproval => $"approve with: orchestrator approve {Name} --step {hold.Step} --namespace {_context.Settings.Namespace} (or set spec.approvedStep to {hold.Step})",
        HoldReason.Paused => $"release with: orchestrator continue {Name} --namespace {_context.Settings.Namespace} (or set spec.paused to false)",
        _ => "it goes on by itself when the window opens",
    };

    /// <summary>An approval of another step than the one awaited is said once, never taken.</summary>
    private void ReportIgnoredApproval(CaRotation resource, Hold held, RotationReporter reporter)
    {
        if (held.Reason != HoldReason.AwaitingApproval || resource.Spec.ApprovedStep is not { } approved || approved <= held.Step
            || _approvalCheckedGeneration == resource.Metadata.Generation)
        {
            return;
        }

        _approvalCheckedGeneration = resource.Metadata.Generation;
        reporter.Event(EventRecorder.Warning, "ApprovalIgnored", $"spec.approvedStep is {approved}, but the rotation awaits approval before step {held.Step}: gates are approved one at a time, in order");
    }

    /// <summary>How long to sleep before a window opens: at most a day, then it looks again.</summary>
    private TimeSpan UntilWake()
    {
        var left = (_wakeAt ?? _context.Time.GetUtcNow()) - _context.Time.GetUtcNow();
        return left <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : left > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : left;
    }

    private void ReportSpecChange(CaRotation resource, RotationReporter reporter)
    {
        if (_specCheckedGeneration == resource.Metadata.Generation)
        {
            return;
        }

        _specCheckedGeneration = resource.Metadata.Generation;
        if (resource.Metadata.Annotations?.TryGetValue(StartedSpecAnnotation, out var started) == true && started != SpecDigest(resource.Spec))
        {
            reporter.Event(EventRecorder.Warning, "SpecChangeIgnored", "the spec cannot change once the rotation has started; it goes on with the spec it started with (only spec.abort, spec.approvedStep and spec.paused are taken)");
        }
    }

    private async Task<RotationInput?> ReadInputAsync(CaRotation resource, RotationReporter reporter, CancellationToken term)
    {
        try
        {
            return await _context.Inputs.ReadAsync(resource, term);
        }
        catch (OrchestratorException bad) when (!term.IsCancellationRequested)
        {
            Refuse(resource, reporter, bad.Message);
            return null;
        }
    }

    private void Refuse(CaRotation resource, RotationReporter reporter, string message, string reason = "PreflightFailed")
    {
        if (_refusedGeneration != resource.Metadata.Generation)
        {
            reporter.Event(EventRecorder.Warning, reason, message);
        }

        _refusedGeneration = resource.Metadata.Generation;
        reporter.Status(StatusReport.PreflightFailed(message, resource.Metadata.Generation, reporter.Latest, _context.Time.GetUtcNow()));
        LogRefused(_logger, resource.Metadata.Name, message);
    }

    private void Block(CaRotation resource, Rotation? rotation, RotationReporter reporter, string why)
    {
        var message = $"waiting for another rotation of Secret {resource.Spec.Namespace}/{resource.Spec.CaSecret}: {why}";
        if (reporter.Latest?.Conditions?.Any(condition => condition.Reason == "Blocked") != true)
        {
            reporter.Event(EventRecorder.Normal, "Blocked", message);
        }

        reporter.Status(rotation is null
            ? StatusReport.Blocked(message, resource.Metadata.Generation, reporter.Latest, _context.Time.GetUtcNow())
            : StatusReport.Of(rotation, resource.Metadata.Generation, reporter.Latest, _context.Time.GetUtcNow(), message));
    }

    /// <summary>Lets a CaRotation go: its finalizer removed once nothing is left to do for its clusters.</summary>
    private async Task ReleaseAsync(CaRotation resource, RotationReporter reporter, string? why, CancellationToken term)
    {
        if (resource.Metadata.Finalizers?.Contains(Finalizer) != true)
        {
            return;
        }

        if (resource.Metadata.DeletionTimestamp is not null)
        {
            reporter.Event(EventRecorder.Normal, "DeletionReleased", why is null ? "the rotation is over: the CaRotation can go" : $"the CaRotation can go: {why}");

            // Written before the object goes: whoever sees it gone finds why among its Events.
            await reporter.FlushAsync(term);
        }

        await _context.Api.PatchMetadataAsync(resource, Finalizers(resource, add: false), null, term);
    }

    private CaRotationStatus StatusOf(Rotation rotation, CaRotation resource, RotationReporter reporter)
    {
        // Every report of where the rotation stands passes here: the metrics follow it.
        _context.Metrics.Rotations.Publish(resource.Metadata.Name, rotation);
        return StatusReport.Of(rotation, resource.Metadata.Generation, reporter.Latest, _context.Time.GetUtcNow());
    }

    /// <summary>The holder of the regions' rotation Leases: the same for every replica, so a successor takes them at once.</summary>
    private LeaseHolder Holder(RotationId id) => new(id, $"controller.{_context.Settings.Namespace}", 0);

    private static List<string> Finalizers(CaRotation resource, bool add)
    {
        var finalizers = (resource.Metadata.Finalizers ?? []).Where(finalizer => finalizer != Finalizer).ToList();
        if (add)
        {
            finalizers.Add(Finalizer);
        }

        return finalizers;
    }

    private static bool Annotated(CaRotation resource, string annotation) => resource.Metadata.Annotations?.ContainsKey(annotation) == true;

    private static string SpecDigest(CaRotationSpec spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(spec with { Abort = null, ApprovedStep = null, Paused = null }, CaRotationJsonContext.Default.CaRotationSpec))));

    private static JournalEntry Created(Rotation rotation, CaRotation resource) => new()
    {
        RotationId = rotation.Id,
        Time = rotation.CreatedAt,
        Kind = JournalEntryKind.Transition,
        To = RotationState.Pending.ToString(),
        Trigger = "Create",
        Reason = $"created from CaRotation {resource.Metadata.NamespaceProperty}/{resource.Metadata.Name}; current CA {rotation.OldCa!.Subject}",
    };

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "CaRotation {Name} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "CaRotation {Name}: a write after leadership ended was refused: {Reason}")]
    private static partial void LogFenced(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "CaRotation {Name}: its abort request could not be recorded: {Reason}")]
    private static partial void LogAbortRequestFailed(ILogger logger, string name, string reason);

    private enum Next
    {
        /// <summary>Nothing more to do for this rotation.</summary>
        Done,

        /// <summary>Decide again at once.</summary>
        Again,

        /// <summary>Wait until the object changes.</summary>
        WaitForChange,

        /// <summary>Wait until the object changes or a while has passed.</summary>
        RetryLater,

        /// <summary>Wait until the object changes or a maintenance window opens.</summary>
        WaitUntil,
    }
}
