namespace Orchestrator.Simulator.Patching;

/// <summary>
/// A patch that cannot be applied. The message goes back to the client as the message of a Kubernetes
/// Status, so it names the patch kind and the offending path or directive.
/// </summary>
internal sealed class PatchException : Exception
{
    public PatchException()
    {
    }

    public PatchException(string message)
        : base(message)
    {
    }

    public PatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
