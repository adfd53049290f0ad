namespace Orchestrator.Simulator.Storage;

/// <summary>What a delete request asks for: grace period and optimistic-concurrency preconditions.</summary>
internal sealed record DeleteOptions(long? GracePeriodSeconds = null, string? PreconditionUid = null, string? PreconditionResourceVersion = null)
{
    public static readonly DeleteOptions Immediate = new(GracePeriodSeconds: 0);
}
