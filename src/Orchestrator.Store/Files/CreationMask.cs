namespace Orchestrator.Store.Files;

/// <summary>
/// Runs LiteDB with the process's file-creation mask at 077. LiteDB creates its write-ahead log
/// (<c>state-log.db</c>) afresh, mode 0666 less the mask, at every commit and deletes it after the checkpoint; the
/// mask is the only way to make that file owner-only. The mask is process-wide, so overlapping scopes share one
/// setting and the last to leave restores the caller's mask; meanwhile any file the process creates is owner-only,
/// which only ever takes access away.
/// </summary>
internal static class CreationMask
{
    private const uint OwnerOnlyMask = 0b000_111_111;

    private static readonly Lock Gate = new();
    private static int _depth;
    private static uint _saved;

    public static T Run<T>(Func<T> action)
    {
        if (OperatingSystem.IsWindows())
        {
            return action();
        }

        Enter();
        try
        {
            return action();
        }
        finally
        {
            Leave();
        }
    }

    private static void Enter()
    {
        lock (Gate)
        {
            if (_depth++ == 0)
            {
                _saved = Native.Umask(OwnerOnlyMask);
                if ((_saved | OwnerOnlyMask) != OwnerOnlyMask)
                {
                    // Keep whatever the caller masked beyond group and other (never loosen a mask).
                    _ = Native.Umask(_saved | OwnerOnlyMask);
                }
            }
        }
    }

    private static void Leave()
    {
        lock (Gate)
        {
            if (--_depth == 0)
            {
                _ = Native.Umask(_saved);
            }
        }
    }
}
