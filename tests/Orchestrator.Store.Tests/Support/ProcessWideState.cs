namespace Orchestrator.Store.Tests.Support;

/// <summary>Tests that read process-wide state (the file-creation mask) run alone, not beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideState
{
    public const string Name = "process-wide state";
}
