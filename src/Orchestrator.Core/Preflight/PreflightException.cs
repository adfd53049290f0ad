namespace Orchestrator.Core.Engine;

/// <summary>A refusal before anything changes: the message names the region, the object and what to do.</summary>
public sealed class PreflightException : Exception
{
    public PreflightException()
    {
    }

    public PreflightException(string message)
        : base(message)
    {
    }

    public PreflightException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
