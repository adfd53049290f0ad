namespace Orchestrator.Core.Cluster;

/// <summary>
/// Until when the region calls made from here on in this flow of work are retried. A <see cref="CancellationToken"/>
/// ends them but cannot say when it will, and a region that keeps failing should say how long it will go on being
/// tried: whoever makes the budget (preflight's reads, a step's timeout) declares its end here, for the adapter to
/// read when a call first fails. It flows with the async calls like the token does; a scope inside another keeps the
/// earlier end, since the outer token still ends the calls then.
/// </summary>
public static class RetryDeadline
{
    private static readonly AsyncLocal<DateTimeOffset?> Declared = new();

    /// <summary>The end declared for this flow, or null when none is (the calls then go on as long as their token).</summary>
    public static DateTimeOffset? Current => Declared.Value;

    /// <summary>Declares <paramref name="end"/> until the returned scope is disposed.</summary>
    public static IDisposable Until(DateTimeOffset end)
    {
        var outer = Declared.Value;
        Declared.Value = outer is { } earlier && earlier < end ? earlier : end;
        return new Scope(outer);
    }

    private sealed class Scope(DateTimeOffset? outer) : IDisposable
    {
        public void Dispose() => Declared.Value = outer;
    }
}
