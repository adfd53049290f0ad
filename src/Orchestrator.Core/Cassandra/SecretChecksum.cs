using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Core.Cassandra;

/// <summary>
/// The checksum the Cassandra operator keeps in the <c>cassandra-cluster-checksum</c> annotation of the
/// CA Secret: SHA-1 (hex) of Go's <c>fmt.Sprintf("%v", secret.Data)</c> over a <c>map[string][]byte</c>.
/// </summary>
public static class SecretChecksum
{
    /// <summary>The annotation the operator writes the checksum of the data it has acted on into.</summary>
    public const string AnnotationName = "cassandra-cluster-checksum";

    public static string Compute(IReadOnlyDictionary<string, byte[]> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        Append(sha1, "map[");

        // Go's fmt sorts map keys; string keys compare byte-wise on their UTF-8 form.
        var keys = data.Keys.Select(key => (Key: key, Bytes: Encoding.UTF8.GetBytes(key))).ToList();
        keys.Sort((left, right) => left.Bytes.AsSpan().SequenceCompareTo(right.Bytes));

        var first = true;
        Span<byte> number = stackalloc byte[3];
        foreach (var (key, keyBytes) in keys)
        {
            if (!first)
            {
                Append(sha1, " ");
            }

            first = false;
            sha1.AppendData(keyBytes);
            Append(sha1, ":[");
            var value = data[key];
            for (var i = 0; i < value.Length; i++)
            {
                if (i > 0)
                {
                    Append(sha1, " ");
                }

                value[i].TryFormat(number, out var written, provider: CultureInfo.InvariantCulture);
                sha1.AppendData(number[..written]);
            }

            Append(sha1, "]");
        }

        Append(sha1, "]");
        return Convert.ToHexStringLower(sha1.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string ascii) => hash.AppendData(Encoding.ASCII.GetBytes(ascii));
}
