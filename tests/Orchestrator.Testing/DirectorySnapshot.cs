using System.Globalization;
using System.Security.Cryptography;

namespace Orchestrator.Testing;

/// <summary>Everything in a directory, as text: two equal texts mean nothing was created, deleted, written or touched.</summary>
public static class DirectorySnapshot
{
    /// <param name="held">Names of files another process holds a flock on: .NET's own opening of them would be refused, so only their metadata is taken.</param>
    public static string Of(string directory, params string[] held) =>
        string.Join('\n', Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(entry => File.Exists(entry)
                ? string.Create(CultureInfo.InvariantCulture, $"{Path.GetRelativePath(directory, entry)} {File.GetUnixFileMode(entry)} {File.GetLastWriteTimeUtc(entry).Ticks} {new FileInfo(entry).Length} {(held.Contains(Path.GetFileName(entry)) ? "held" : Hash(entry))}")
                : string.Create(CultureInfo.InvariantCulture, $"{Path.GetRelativePath(directory, entry)}/ {File.GetUnixFileMode(entry)} {Directory.GetLastWriteTimeUtc(entry).Ticks}")));

    private static string Hash(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
