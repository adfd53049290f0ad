using System.Globalization;
using System.Security.Cryptography;

namespace Orchestrator.Store.Tests.Support;

/// <summary>Everything in a directory, as text: two equal texts mean nothing was created, deleted, written or touched.</summary>
internal static class DirectoryContents
{
    public static string Of(string directory) =>
        string.Join('\n', Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(entry => File.Exists(entry)
                ? string.Create(CultureInfo.InvariantCulture, $"{Path.GetRelativePath(directory, entry)} {File.GetUnixFileMode(entry)} {File.GetLastWriteTimeUtc(entry).Ticks} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(entry)))}")
                : string.Create(CultureInfo.InvariantCulture, $"{Path.GetRelativePath(directory, entry)}/ {File.GetUnixFileMode(entry)} {Directory.GetLastWriteTimeUtc(entry).Ticks}")));
}
