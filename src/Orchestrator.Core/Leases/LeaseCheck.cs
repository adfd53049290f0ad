namespace Orchestrator.Core.Leases;

/// <summary>What preflight needs to tell whether a new rotation could take the regions' Leases.</summary>
public sealed record LeaseCheck(LeaseHolder Me, bool ForceTakeover, Func<int, bool>? ProcessAlive = null);
