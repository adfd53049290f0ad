namespace Orchestrator.Simulator.Trust;

/// <summary>Pods started from <see cref="TrusterClass"/> refuse their peer's certificate, for <see cref="Detail"/>.</summary>
internal sealed record TrustRefusal(string TrusterClass, string Detail);
