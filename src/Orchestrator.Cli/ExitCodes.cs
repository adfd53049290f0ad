namespace Orchestrator.Cli;

/// <summary>The exit codes users and scripts rely on.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>
    /// <c>verify</c>: the regions disagree on the phase, a node TLS Secret does not match its CA Secret, the operator
    /// has not acknowledged it, or a CA expires within <c>--expiring-within</c>.
    /// </summary>
    public const int VerifyFailed = 1;

    /// <summary>Bad input or a refused preflight; nothing was changed anywhere.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped on a failed step; the state is saved and <c>resume</c> can continue.</summary>
    public const int StepFailed = 3;

    /// <summary>Another orchestrator holds the rotation's lock.</summary>
    public const int Locked = 4;

    /// <summary>
    /// Waiting for a person or for time: held at an approval gate, before a closed maintenance window, or paused. The
    /// state is saved; <c>resume</c> continues once it is released (approved, window open, continued).
    /// </summary>
    public const int Waiting = 5;

    /// <summary>Interrupted (SIGINT/SIGTERM); the state is saved.</summary>
    public const int Interrupted = 130;
}
