using System.CommandLine;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Commands;

/// <summary>The options several commands share, described once.</summary>
internal static class CommonOptions
{
    public static Option<string?> State() => new("--state")
    {
        Description = "State file (default: $ORCHESTRATOR_STATE, else $XDG_STATE_HOME/orchestrator/state.db, else ~/.local/state/orchestrator/state.db).",
    };

    /// <summary>
    /// <c>--state</c> for a command that keeps no state: every command takes the option, so that scripts can pass it
    /// to all of them alike, but its help does not list an option that does nothing.
    /// </summary>
    public static Option<string?> StateNotUsed() => new("--state")
    {
        Description = "Accepted like every command's --state; this command reads and writes no state file.",
        Hidden = true,
    };

    /// <summary>
    /// A rotation's ID, parsed here once: text that breaks <see cref="RotationId.Rule"/> is a command-line error (exit 2)
    /// that names the argument and the rule, before any state file is opened.
    /// </summary>
    public static Argument<RotationId?> Id(string description, bool optional) => new("id")
    {
        Description = description,
        Arity = optional ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
        CustomParser = result =>
        {
            if (result.Tokens is not [var token])
            {
                return null;
            }

            if (RotationId.TryParse(token.Value, out var id))
            {
                return id;
            }

            var shown = token.Value.Length > 40 ? token.Value[..40] + "..." : token.Value;
            result.AddError($"argument ID: '{shown}' is not a rotation id ({RotationId.Rule}); see orchestrator list");
            return null;
        },
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
        Description = "Log what happens in detail (to stderr); simulate: every pod start and replacement.",
        Recursive = true,
    };
}
