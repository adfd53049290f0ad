using System.Security.Cryptography;
using System.Text.Json;
using LiteDB;
using Orchestrator.Core.Persistence;
using Orchestrator.Store.Files;

namespace Orchestrator.Store.Engine;

/// <summary>
/// Turns what LiteDB, the file system and decryption throw into one-line <see cref="StoreException"/> messages that
/// name the file and say what to do.
/// </summary>
internal static class StoreErrors
{
    public static T Guard<T>(StatePaths paths, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INVALID_DATABASE)
        {
            throw new StoreException($"state file {paths.Database} is not an orchestrator state file (LiteDB: {OneLine(e.Message)}); move it aside or choose another path", e);
        }
        catch (Exception e) when (e is LiteException or InvalidCastException or ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException or EndOfStreamException)
        {
            // What LiteDB throws when it meets bytes that are not what its pages say they are.
            throw Damaged(paths, e);
        }
        catch (JsonException e)
        {
            throw new StoreException($"state file {paths.Database} holds a record this program cannot read ({OneLine(e.Message)}); restore it from a backup or move it aside", e);
        }
        catch (CryptographicException e)
        {
            throw new StoreException(KeyMismatch(paths), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot read or write state file {paths.Database}: {OneLine(e.Message)}", e);
        }
    }

    public static string KeyMismatch(StatePaths paths) =>
        $"cannot decrypt state file {paths.Database}: the state key does not match ({StoreOptions.KeyVariable} or {paths.KeyFile}); "
        + $"use the key it was written with ({StoreOptions.KeyVariable}, when set, is used instead of {paths.KeyFile})";

    public static StoreException Damaged(StatePaths paths, Exception cause) =>
        new($"state file {paths.Database} is damaged ({OneLine(cause.Message)}); restore it from a backup or move it aside", cause);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
