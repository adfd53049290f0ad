using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Store.Files;

/// <summary>
/// The named mutex LiteDB's shared mode takes around every operation on a file (LiteDB 5.0.21 names it after the
/// SHA-1 of the lower-cased full path). Holding it while the header is checked means no other process is halfway
/// through a checkpoint that would make a sound file look truncated.
/// </summary>
internal static class LiteDbMutex
{
    public static T Hold<T>(string databasePath, Func<T> action)
    {
        using var mutex = new Mutex(false, Name(databasePath));
        try
        {
            mutex.WaitOne();
        }
        catch (AbandonedMutexException)
        {
            // Its holder died; the mutex is ours now, as LiteDB itself treats it.
        }

        try
        {
            return action();
        }
        finally
        {
            mutex.ReleaseMutex();
        }
    }

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "Must match the name LiteDB derives; not a security use.")]
    public static string Name(string databasePath)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(databasePath).ToLowerInvariant()));
        return "Global\\" + Convert.ToHexString(hash) + ".Mutex";
    }
}
