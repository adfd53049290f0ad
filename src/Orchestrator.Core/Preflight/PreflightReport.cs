using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Preflight;

/// <summary>Everything preflight established: the current CA, the supplied new CA if any, and each region.</summary>
public sealed record PreflightReport(CaMaterial OldCa, CaMaterial? SuppliedNewCa, IReadOnlyList<RegionReport> Regions);
