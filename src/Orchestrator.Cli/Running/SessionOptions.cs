using Orchestrator.Core.Engine;


namespace Orchestrator.Cli.Running;

/// <summary>How a session runs a rotation.</summary>
/// <param name="Create">A new rotation: stored once its Leases are held.</param>
/// <param name="ForceTakeover">Take over Leases of another rotation whose holder stopped renewing them.</param>
/// <param name="Json">Print the final status as JSON, and progress to stderr.</param>
internal sealed record SessionOptions(bool Create, bool ForceTakeover, bool Json)
{
    /// <summary>The new CA's generation, begun before preflight; the generate-ca step takes it.</summary>
    public NewCaHeadStart? NewCa { get; init; }
}
