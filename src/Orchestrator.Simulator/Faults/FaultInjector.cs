namespace Orchestrator.Simulator.Faults;

/// <summary>The live faults of one region: what the API server, the kubelet and the operator consult.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private FaultSettings _settings = FaultSettings.None;
    private List<RequestFailure> _remaining = [];

    /// <summary>Raised after the settings are replaced, so that paused or stuck work can resume.</summary>
    public event EventHandler? Changed;

    public TimeSpan Latency
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromMilliseconds(_settings.LatencyMs);
            }
        }
    }

    public int? CloseWatchesAfterEvents
    {
        get
        {
            lock (_gate)
            {
                return _settings.CloseWatchesAfterEvents;
            }
        }
    }

    public bool OperatorPaused
    {
        get
        {
            lock (_gate)
            {
                return _settings.OperatorPaused;
            }
        }
    }

    /// <summary>The settings in force, with each request failure's count showing how many are left.</summary>
    public FaultSettings Current
    {
        get
        {
            lock (_gate)
            {
                return _settings with { FailRequests = _remaining.ToList() };
            }
        }
    }

    public void Replace(FaultSettings settings)
    {
        lock (_gate)
        {
            _settings = settings;
            _remaining = settings.FailRequests.ToList();
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Whether a client with this User-Agent header is cut off from the API.</summary>
    public bool IsCutOff(string userAgent)
    {
        lock (_gate)
        {
            return _settings.CutsOff(userAgent);
        }
    }

    public bool IsStuck(string podName)
    {
        lock (_gate)
        {
            return _settings.StuckPods.Contains(podName, StringComparer.Ordinal);
        }
    }

    /// <summary>The status code to fail this request with, consuming one of its failure's count; null to serve it.</summary>
    public int? TakeFailure(string verb, string resource, string userAgent)
    {
        lock (_gate)
        {
            var index = _remaining.FindIndex(failure => failure.Matches(verb, resource, userAgent));
            if (index < 0)
            {
                return null;
            }

            var failure = _remaining[index];
            _remaining[index] = failure with { Count = failure.Count - 1 };
            if (failure.Count <= 1)
            {
                _remaining.RemoveAt(index);
            }

            return failure.Code;
        }
    }
}
