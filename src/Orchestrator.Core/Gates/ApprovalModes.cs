namespace Orchestrator.Core.Gates;

/// <summary>The approval modes as specs write them: none, phases, regions.</summary>
public static class ApprovalModes
{
    /// <summary>The mode <paramref name="text"/> names (none when absent), or null with <paramref name="problem"/> set.</summary>
    public static ApprovalMode? Parse(string? text, out string? problem)
    {
        problem = null;
        switch (text)
        {
            case null or "none":
                return ApprovalMode.None;
            case "phases":
                return ApprovalMode.Phases;
            case "regions":
                return ApprovalMode.Regions;
            default:
                problem = $"'{text}' is not an approval mode: use none, phases (before each phase) or regions (before each Secret write)";
                return null;
        }
    }
}
