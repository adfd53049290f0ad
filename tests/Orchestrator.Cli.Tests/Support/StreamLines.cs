namespace Orchestrator.Cli.Tests.Support;

/// <summary>One output stream of a child process, read line by line as it comes, so that a test can wait for a line.</summary>
internal sealed class StreamLines
{
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];
    private readonly Lock _gate = new();

    public StreamLines(StreamReader reader) => Completion = Task.Run(() => ReadAsync(reader));

    /// <summary>Ends when the stream does (the process closed it, or ended).</summary>
    public Task Completion { get; }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return _lines.ToList();
            }
        }
    }

    public override string ToString() => string.Join('\n', Lines);

    /// <summary>The first line, already read or still to come, that matches; null if the stream ends without one.</summary>
    public async Task<string?> WaitForAsync(Func<string, bool> match, TimeSpan timeout)
    {
        TaskCompletionSource<string> seen;
        lock (_gate)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, seen));
        }

        await Task.WhenAny(seen.Task, Completion).WaitAsync(timeout);
        return seen.Task.IsCompleted ? await seen.Task : null;
    }

    private async Task ReadAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                _lines.Add(line);
                foreach (var waiter in _waiters.Where(waiter => waiter.Match(line)).ToList())
                {
                    waiter.Seen.TrySetResult(line);
                    _waiters.Remove(waiter);
                }
            }
        }
    }
}
