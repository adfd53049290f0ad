using System.Security.Cryptography;
using Orchestrator.Core.Persistence;
using Orchestrator.Store.Files;

namespace Orchestrator.Store.Security;

/// <summary>
/// The 256-bit key under which private keys are encrypted in the state file: given as base64 in
/// <see cref="StoreOptions.KeyVariable"/>, or kept in an owner-only key file beside the database.
/// </summary>
internal static class StateKey
{
    public const int Length = 32;

    public static byte[] FromBase64(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            var key = Convert.FromBase64String(value.Trim());
            if (key.Length == Length)
            {
                return key;
            }
        }
        catch (FormatException)
        {
            // Reported below with the same message as a key of the wrong length.
        }

        throw new StoreException($"{StoreOptions.KeyVariable} is not a state key: it must be the base64 of {Length} bytes (e.g. from 'openssl rand -base64 {Length}')");
    }

    /// <summary>The key in the file, or null when there is no file.</summary>
    public static byte[]? Read(string keyFile)
    {
        if (!File.Exists(keyFile))
        {
            return null;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(keyFile) & ~OwnerOnly.FilePermissions) != 0)
        {
            throw new StoreException($"key file {keyFile} can be read by other users; make it owner-only (chmod 600 {keyFile})");
        }

        byte[] key;
        try
        {
            key = File.ReadAllBytes(keyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot read key file {keyFile}: {e.Message}", e);
        }

        return key.Length == Length
            ? key
            : throw new StoreException($"key file {keyFile} is damaged ({key.Length} bytes, not {Length}); restore it from a backup");
    }

    /// <summary>
    /// Makes a new random key in a new owner-only file, published whole under its name; when another process
    /// published one meanwhile, that key is the one used.
    /// </summary>
    public static byte[] Create(string keyFile)
    {
        var key = RandomNumberGenerator.GetBytes(Length);
        var temporary = NewStateFile.TemporaryBeside(keyFile);
        try
        {
            using (var stream = new FileStream(temporary, OwnerOnly.Options(FileMode.CreateNew, FileAccess.Write, FileShare.None)))
            {
                stream.Write(key);
                stream.Flush(flushToDisk: true);
            }

            return NewStateFile.PutInPlace(temporary, keyFile) ? key : Read(keyFile) ?? throw new StoreException($"key file {keyFile} vanished while it was created");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create key file {keyFile}: {e.Message}", e);
        }
        finally
        {
            NewStateFile.Remove(temporary);
        }
    }
}
