namespace Orchestrator.Simulator.Selection;

/// <summary>
/// A label or field selector that does not parse. The server answers 400 BadRequest with the message,
/// worded as Kubernetes words it.
/// </summary>
internal sealed class SelectorException : Exception
{
    public SelectorException()
    {
    }

    public SelectorException(string message)
        : base(message)
    {
    }

    public SelectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
