using System.Text;
using Orchestrator.Core.Cassandra;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Workflows;
using Orchestrator.Crypto;
using Orchestrator.Crypto.Certificates;

namespace Orchestrator.Core.Steps;

/// <summary>
/// The CA Secret's data for a phase: <c>ca.crt</c>/<c>ca.key</c> of the phase's main CA, the extra entry of its
/// extra CA (if any), and every other entry as it is. Also says whether a Secret still fits the rotation.
/// </summary>
public sealed class SecretContent(CaMaterial oldCa, CaMaterial newCa, string extraKey)
{
    /// <summary>The Secret data of a phase, or of the start (every region on the old CA alone) when phase is null.</summary>
    public Dictionary<string, byte[]> For(PhaseDefinition? phase, IReadOnlyDictionary<string, byte[]> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var data = current
            .Where(entry => !IsManaged(entry.Key))
            .ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);
        var main = phase?.Main ?? CaSource.Old;
        data[TrustedEntries.Certificate] = Bytes(Ca(main).CertificatePem);
        data[TrustedEntries.Key] = Bytes(Ca(main).PrivateKey.Reveal());
        if (phase?.Extra is { } extra)
        {
            data[extraKey] = Bytes(Ca(extra).CertificatePem);
        }

        return data;
    }

    /// <summary>Where <paramref name="current"/> stands between the content before a step (null: the start) and after it.</summary>
    public SecretFit Compare(IReadOnlyDictionary<string, byte[]> current, PhaseDefinition? previous, PhaseDefinition? phase)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (SameManaged(current, For(phase, current)))
        {
            return SecretFit.Applied;
        }

        return SameManaged(current, For(previous, current)) ? SecretFit.Before : SecretFit.Changed;
    }

    /// <summary>Says, without showing any key, what in <paramref name="current"/> differs from both expected contents.</summary>
    public string DescribeChange(IReadOnlyDictionary<string, byte[]> current, PhaseDefinition? previous, PhaseDefinition? phase)
    {
        ArgumentNullException.ThrowIfNull(current);
        var expected = For(previous, current);
        var wanted = For(phase, current);
        var differences = new List<string>();
        foreach (var key in current.Keys.Concat(expected.Keys).Where(IsManaged).Distinct().Order(StringComparer.Ordinal))
        {
            var now = current.GetValueOrDefault(key);
            var before = expected.GetValueOrDefault(key);
            var after = wanted.GetValueOrDefault(key);
            if (Same(now, before) || Same(now, after))
            {
                continue;
            }

            differences.Add(now switch
            {
                null => $"{key} was removed",
                _ when before is null && after is null => $"{key} was added ({Describe(key, now)})",
                _ => $"{key} now holds {Describe(key, now)}, expected {Describe(key, before ?? after!)}",
            });
        }

        return differences.Count == 0 ? "its entries do not match either the content before this step or after it" : string.Join("; ", differences);
    }

    /// <summary>
    /// Says, without showing any key, which entries the rotation manages in <paramref name="current"/> differ from the
    /// content of <paramref name="phase"/> (null: the start), e.g. "ca2.crt was removed"; empty when none do.
    /// </summary>
    public string DescribeDifference(IReadOnlyDictionary<string, byte[]> current, PhaseDefinition? phase)
    {
        ArgumentNullException.ThrowIfNull(current);
        var expected = For(phase, current);
        var differences = new List<string>();
        foreach (var key in current.Keys.Concat(expected.Keys).Where(IsManaged).Distinct().Order(StringComparer.Ordinal))
        {
            var now = current.GetValueOrDefault(key);
            var wanted = expected.GetValueOrDefault(key);
            if (Same(now, wanted))
            {
                continue;
            }

            differences.Add((now, wanted) switch
            {
                (null, _) => $"{key} was removed",
                (_, null) => $"{key} was added, holding {Describe(key, now)}",
                _ => $"{key} now holds {Describe(key, now)}, not {Describe(key, wanted)}",
            });
        }

        return string.Join("; ", differences);
    }

    /// <summary>
    /// Which content a Secret holds: -1 for the start (the old CA alone), i for that of <paramref name="phases"/>[i],
    /// null for anything else.
    /// </summary>
    public int? PhaseIndexOf(IReadOnlyDictionary<string, byte[]> current, IReadOnlyList<PhaseDefinition> phases)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(phases);
        if (SameManaged(current, For(null, current)))
        {
            return -1;
        }

        for (var index = 0; index < phases.Count; index++)
        {
            if (SameManaged(current, For(phases[index], current)))
            {
                return index;
            }
        }

        return null;
    }

    private CaMaterial Ca(CaSource source) => source == CaSource.Old ? oldCa : newCa;

    private bool IsManaged(string key) =>
        key == TrustedEntries.Key || key == extraKey || TrustedEntries.IsTrusted(key);

    private bool SameManaged(IReadOnlyDictionary<string, byte[]> current, Dictionary<string, byte[]> expected)
    {
        var managed = current.Keys.Where(IsManaged).ToHashSet(StringComparer.Ordinal);
        return managed.SetEquals(expected.Keys.Where(IsManaged))
            && managed.All(key => Same(current[key], expected[key]));
    }

    private static bool Same(byte[]? left, byte[]? right) =>
        left is null ? right is null : right is not null && left.AsSpan().SequenceEqual(right);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private string Describe(string key, byte[] value)
    {
        if (key == TrustedEntries.Key)
        {
            return Same(value, Bytes(oldCa.PrivateKey.Reveal())) ? "the old CA's key"
                : Same(value, Bytes(newCa.PrivateKey.Reveal())) ? "the new CA's key"
                : "a key of another CA";
        }

        try
        {
            var details = PemCertificates.Describe(Encoding.UTF8.GetString(value));
            return $"{details.Subject} (SHA-256 {details.Sha256Fingerprint[..23]}...)";
        }
        catch (CryptoInputException)
        {
            return "something that is not a certificate";
        }
    }
}
