namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>How someone else changes the CA Secret's extra entry in the middle of a rotation.</summary>
public enum ForeignChange
{
    /// <summary><c>ca2.crt</c> deleted.</summary>
    ExtraEntryRemoved,

    /// <summary><c>ca2.crt</c> replaced by the certificate of another CA.</summary>
    ExtraEntryReplacedByAnotherCa,
}
