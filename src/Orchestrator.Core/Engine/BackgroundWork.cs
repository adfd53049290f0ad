namespace Orchestrator.Core.Engine;

/// <summary>
/// Work a step leaves behind that nothing after it waits for, such as closing a finished observation's watches:
/// the next step goes ahead at once, and the run awaits it all before it lets go of the regions' clients.
/// </summary>
internal sealed class BackgroundWork
{
    private readonly List<Task> _tasks = [];
    private readonly Lock _lock = new();

    public void Add(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        lock (_lock)
        {
            _tasks.RemoveAll(done => done.IsCompleted);
            _tasks.Add(task);
        }
    }

    /// <summary>Waits for everything added so far; each task is expected to have handled its own failures.</summary>
    public Task DrainAsync()
    {
        lock (_lock)
        {
            var pending = _tasks.ToArray();
            _tasks.Clear();
            return Task.WhenAll(pending);
        }
    }
}
