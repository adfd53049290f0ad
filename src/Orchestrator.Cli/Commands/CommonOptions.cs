using System.CommandLine;

namespace Orchestrator.Cli.Commands;

/// <summary>The options several commands share, described once.</summary>
internal static class CommonOptions
{
    public static Option<string?> State() => new("--state")
    {
        Description = "State file (default: $ORCHESTRATOR_STATE, else $XDG_STATE_HOME/orchestrator/state.db, else ~/.local/state/orchestrator/state.db).",
    };

    public static Option<string> Output()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "Output format: text or json.",
            DefaultValueFactory = _ => "text",
        };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }

    public static Option<FileInfo> Spec() => new("--spec")
    {
        Description = "The rotation spec (YAML): cluster, namespace, caSecret, newCa, regions, rollout.",
        Required = true,
    };

    public static Option<bool> ForceTakeover() => new("--force-takeover")
    {
        Description = "Take over the regions' Leases from another rotation whose orchestrator stopped renewing them (it is gone).",
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Log what happens in detail (to stderr).",
        Recursive = true,
    };
}
