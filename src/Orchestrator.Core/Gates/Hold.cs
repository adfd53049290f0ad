namespace Orchestrator.Core.Gates;

/// <summary>
/// Where and why a rotation waits before a step it has not begun: nothing of that step has been done.
/// </summary>
/// <param name="Step">The step it waits before.</param>
/// <param name="Region">The region of that step, when it has one.</param>
/// <param name="Since">When the rotation began to wait here.</param>
/// <param name="Until">For a window: when it opens; the rotation goes on by itself then.</param>
/// <param name="Message">What it waits for and what releases it, for status and Events.</param>
public sealed record Hold(HoldReason Reason, int Step, string? Region, DateTimeOffset Since, DateTimeOffset? Until, string Message);
