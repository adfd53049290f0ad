namespace Orchestrator.Store;

/// <summary>Where the state file is and which key protects the private keys in it.</summary>
/// <param name="Path">The LiteDB state file; its key file and run locks live beside it.</param>
public sealed record StoreOptions(string Path)
{
    /// <summary>The environment variable that names the state file.</summary>
    public const string StateVariable = "ORCHESTRATOR_STATE";

    /// <summary>The environment variable that holds the state key (base64 of 32 bytes).</summary>
    public const string KeyVariable = "ORCHESTRATOR_STATE_KEY";

    /// <summary>
    /// The base64 256-bit state key, taken from <see cref="KeyVariable"/> when it is set; null to use (and on first
    /// use create) the key file <c>&lt;Path&gt;.key</c> beside the database.
    /// </summary>
    public string? KeyOverride { get; init; }

    /// <summary>
    /// <c>$ORCHESTRATOR_STATE</c>, else <c>$XDG_STATE_HOME/orchestrator/state.db</c>, else
    /// <c>~/.local/state/orchestrator/state.db</c>.
    /// </summary>
    public static string DefaultPath()
    {
        var configured = Environment.GetEnvironmentVariable(StateVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return System.IO.Path.GetFullPath(configured);
        }

        // The XDG base directory spec says to ignore a relative value.
        var stateHome = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(stateHome) || !System.IO.Path.IsPathRooted(stateHome))
        {
            stateHome = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        }

        return System.IO.Path.Combine(stateHome, "orchestrator", "state.db");
    }
}
