namespace Orchestrator.Controller.Serving;

/// <summary>How one <c>orchestrator serve</c> replica takes part: where it watches, and its leader election's timing.</summary>
/// <param name="Namespace">The namespace whose CaRotations it runs, and where its Lease, state and Events live.</param>
/// <param name="Identity">This replica's name in the Lease: unique per process.</param>
public sealed record ControllerSettings(string Namespace, string Identity)
{
    /// <summary>The Lease that elects the one replica that runs rotations.</summary>
    public string LeaseName { get; init; } = "orchestrator-controller";

    /// <summary>How long a leader's Lease holds without renewal; client-go's default.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A leader that has not renewed within this stops its work: before anyone else may take the Lease.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the Lease is renewed, and how often a follower tries to take it.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A list of every CaRotation this often, whatever the watch says, in case an event was missed.</summary>
    public TimeSpan Relist { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a Blocked or refused rotation is looked at again.</summary>
    public TimeSpan BlockedRetry { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A replica name for the Lease: the pod's host name and the process, unique per process.</summary>
    public static string NewIdentity() => $"{Environment.MachineName}_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
}
