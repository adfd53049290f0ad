using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orchestrator.Controller.Resources;

namespace Orchestrator.Controller.Serving;

/// <summary>
/// Writes one CaRotation's status and Events in the order they were asked for, off the run's path: the engine's
/// callbacks are synchronous and must not wait for the API. Statuses asked for while one is being written are
/// coalesced into the newest. A write that fails is logged; the next one sets the whole status again. Events on the
/// regions' CA Secrets go to other clusters, in a queue of their own, so that the status never waits behind them.
/// </summary>
internal sealed partial class RotationReporter : IAsyncDisposable
{
    private readonly CaRotationApi _api;
    private readonly EventRecorder _events;
    private readonly ILogger _logger;
    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>(new() { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly Channel<Func<CancellationToken, Task>> _secretWork = Channel.CreateUnbounded<Func<CancellationToken, Task>>(new() { SingleReader = true });
    private readonly Task _writing;
    private readonly Task _secretWriting;
    private CaRotation _resource;
    private CaRotationStatus? _pending;
    private CaRotationStatus? _written;

    public RotationReporter(CaRotationApi api, EventRecorder events, CaRotation resource, ILogger logger, CancellationToken term)
    {
        _api = api;
        _events = events;
        _resource = resource;
        _logger = logger;
        _written = resource.Status;
        _writing = Task.Run(() => WriteAsync(_work, term), CancellationToken.None);
        _secretWriting = Task.Run(() => WriteAsync(_secretWork, term), CancellationToken.None);
    }

    /// <summary>The status last asked for (or read from the resource), for conditions' transition times.</summary>
    public CaRotationStatus? Latest
    {
        get
        {
            lock (_gate)
            {
                return _pending ?? _written;
            }
        }
    }

    /// <summary>The object Events are written about; the newest seen, so that they carry its uid.</summary>
    public void Observed(CaRotation resource)
    {
        lock (_gate)
        {
            _resource = resource;
        }
    }

    public void Event(string type, string reason, string message)
    {
        CaRotation resource;
        lock (_gate)
        {
            resource = _resource;
        }

        _work.Writer.TryWrite(token => _events.RecordAsync(resource, type, reason, message, token));
    }

    /// <summary>An Event on a region's CA Secret, written in turn with the other Secrets' Events.</summary>
    public void SecretEvent(SecretEventTarget target, string type, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(target);
        _secretWork.Writer.TryWrite(token => _events.RecordAsync(target.Api, target.Secret, type, reason, message, token));
    }

    public void Status(CaRotationStatus status)
    {
        lock (_gate)
        {
            if (status.Equals(_pending ?? _written))
            {
                return;
            }

            _pending = status;
        }

        _work.Writer.TryWrite(WriteStatusAsync);
    }

    /// <summary>Waits until what was asked for so far is written (or dropped, once the term has ended).</summary>
    public async Task FlushAsync(CancellationToken term)
    {
        await FlushAsync(_work, term);
        await FlushAsync(_secretWork, term);
    }

    /// <summary>Writes what was asked for, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        _secretWork.Writer.TryComplete();
        await _writing;
        await _secretWriting;
    }

    private static async Task FlushAsync(Channel<Func<CancellationToken, Task>> work, CancellationToken term)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (work.Writer.TryWrite(_ =>
        {
            written.TrySetResult();
            return Task.CompletedTask;
        }))
        {
            await written.Task.WaitAsync(term);
        }
    }

    private async Task WriteStatusAsync(CancellationToken cancellationToken)
    {
        CaRotationStatus? status;
        string name;
        lock (_gate)
        {
            status = _pending;
            _pending = null;
            name = _resource.Metadata.Name;
        }

        if (status is null)
        {
            return;
        }

        await _api.PatchStatusAsync(name, status, cancellationToken);
        lock (_gate)
        {
            _written = status;
        }
    }

    private async Task WriteAsync(Channel<Func<CancellationToken, Task>> work, CancellationToken term)
    {
        await foreach (var write in work.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (term.IsCancellationRequested)
            {
                // No longer the leader: the successor reports from here on.
                continue;
            }

            try
            {
                await write(term);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !term.IsCancellationRequested)
            {
                LogReportFailed(_logger, failure.Message);
            }
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "a CaRotation's status could not be written: {Problem}")]
    private static partial void LogReportFailed(ILogger logger, string problem);
}
