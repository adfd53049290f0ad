namespace Orchestrator.Simulator.Trust;

/// <summary>A pod taking part in inter-node TLS.</summary>
internal sealed record RunningPod(string Region, string Namespace, string Name, string Uid)
{
    public override string ToString() => $"{Region}/{Name}";
}
