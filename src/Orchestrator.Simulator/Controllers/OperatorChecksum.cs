using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Simulator.Controllers;

/// <summary>
/// The cassandra-operator's checksum of a Secret's data, <c>sha1(fmt.Sprintf("%v", secret.Data))</c>, written
/// out as Go prints a <c>map[string][]byte</c>: <c>map[k1:[1 2 3] k2:[4]]</c>, keys in byte order. The simulator
/// has its own, so that a mistake in the orchestrator's copy is caught rather than agreed with.
/// </summary>
internal static class OperatorChecksum
{
    public const string Annotation = "cassandra-cluster-checksum";

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "The operator's checksum is SHA-1; a fingerprint of content, not a security use.")]
    public static string Of(IDictionary<string, byte[]>? data)
    {
        var printed = new StringBuilder("map[");
        var keys = (data?.Keys ?? []).OrderBy(key => key, Utf8Order.Instance);
        printed.AppendJoin(' ', keys.Select(key => $"{key}:[{string.Join(' ', data![key])}]"));
        printed.Append(']');
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(printed.ToString())));
    }

    /// <summary>Go's fmt sorts string keys by their bytes, which is not .NET's UTF-16 ordinal order beyond the BMP.</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(x ?? string.Empty).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? string.Empty));
    }
}
