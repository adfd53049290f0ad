using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Workflows;

/// <summary>A step of the plan: its number (from 1), name, kind, and the region and phase it belongs to.</summary>
public sealed record PlannedStep(int Number, string Name, StepKind Kind, string? Region, string? Phase);
