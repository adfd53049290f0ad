namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>The transient faults a run must ride out, each as the simulator's faults endpoint sets it.</summary>
public enum TransientFault
{
    /// <summary>503 on the next 3 Secret updates.</summary>
    UpdateSecrets503,

    /// <summary>429 (with <c>Retry-After: 1</c>) on the next 3 Secret reads.</summary>
    GetSecrets429,

    /// <summary>500 on the next 2 lists of pods and the next 2 lists of StatefulSets.</summary>
    ListPodsAndStatefulSets500,

    /// <summary>503 on the next 2 watches of pods.</summary>
    WatchPods503,

    /// <summary>Every request answered 200 ms late.</summary>
    Latency200Ms,

    /// <summary>Every watch closed by the server after 2 events.</summary>
    CloseWatchesAfter2Events,
}
