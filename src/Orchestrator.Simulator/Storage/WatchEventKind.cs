namespace Orchestrator.Simulator.Storage;

internal enum WatchEventKind
{
    Added,
    Modified,
    Deleted,
}
