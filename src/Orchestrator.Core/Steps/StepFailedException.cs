namespace Orchestrator.Core.Engine;

/// <summary>A step that cannot succeed as things are; the message says why, naming the region and objects.</summary>
public sealed class StepFailedException : Exception
{
    public StepFailedException()
    {
    }

    public StepFailedException(string message)
        : base(message)
    {
    }

    public StepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
