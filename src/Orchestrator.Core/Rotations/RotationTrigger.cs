namespace Orchestrator.Core.Rotations;

/// <summary>What moves a rotation from one state to another.</summary>
public enum RotationTrigger
{
    /// <summary>The first run begins.</summary>
    Start,

    /// <summary>A step failed.</summary>
    Fail,

    /// <summary>The run was interrupted (Ctrl-C, SIGTERM) and stopped its step.</summary>
    Interrupt,

    /// <summary>The run reached a gate it may not pass yet (approval, window, pause).</summary>
    Hold,

    /// <summary>A stopped (or crashed) run continues.</summary>
    Resume,

    /// <summary>The last step succeeded.</summary>
    Complete,

    /// <summary>The user asks to go back to the old CA.</summary>
    Abort,

    /// <summary>The last roll-back step succeeded.</summary>
    RollbackComplete,
}
