namespace Orchestrator.Controller.Serving;

/// <summary>
/// What <c>/readyz</c> answers: ready once this replica has seen a leader (itself or another) through the API, which
/// proves it reaches its cluster and takes part in the election.
/// </summary>
public sealed class ReadinessProbe
{
    private volatile bool _leaderSeen;

    public bool Ready => _leaderSeen;

    internal void LeaderSeen() => _leaderSeen = true;
}
