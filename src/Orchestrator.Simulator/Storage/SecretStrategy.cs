using System.Text;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>The Secret registry's rules: stringData folded into data, valid keys, size limit, immutable type.</summary>
internal sealed partial class SecretStrategy : ResourceStrategy
{
    private const int MaxTotalBytes = 1024 * 1024;

    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> created)
    {
        var secret = (V1Secret)created;
        secret.Type ??= "Opaque";
        FoldStringData(secret);
    }

    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing)
    {
        var secret = (V1Secret)updated;
        secret.Type ??= ((V1Secret)existing).Type;
        FoldStringData(secret);
    }

    public override IEnumerable<string> Validate(IKubernetesObject<V1ObjectMeta> value)
    {
        var secret = (V1Secret)value;
        long total = 0;
        foreach (var (key, bytes) in secret.Data ?? new Dictionary<string, byte[]>())
        {
            if (key.Length > 253 || key is "." or ".." || !ConfigKeyPattern().IsMatch(key))
            {
                yield return $"data[{key}]: Invalid value: \"{key}\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
            }

            total += bytes?.Length ?? 0;
        }

        if (total > MaxTotalBytes)
        {
            yield return $"data: Too long: must have at most {MaxTotalBytes} bytes";
        }
    }

    public override IEnumerable<string> ValidateUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing)
    {
        foreach (var error in Validate(updated))
        {
            yield return error;
        }

        var before = (V1Secret)existing;
        var after = (V1Secret)updated;
        if (!string.Equals(before.Type, after.Type, StringComparison.Ordinal))
        {
            yield return $"type: Invalid value: \"{after.Type}\": field is immutable";
        }

        if (before.Immutable == true && !SameData(before.Data, after.Data))
        {
            yield return "data: Forbidden: field is immutable when `immutable` is set";
        }
    }

    public override IReadOnlyCollection<string> SelectableFields { get; } = ["metadata.name", "metadata.namespace", "type"];

    public override string? FieldValue(IKubernetesObject<V1ObjectMeta> value, string field) =>
        field == "type" ? ((V1Secret)value).Type : base.FieldValue(value, field);

    private static void FoldStringData(V1Secret secret)
    {
        if (secret.StringData is null)
        {
            return;
        }

        secret.Data ??= new Dictionary<string, byte[]>();
        foreach (var (key, text) in secret.StringData)
        {
            secret.Data[key] = Encoding.UTF8.GetBytes(text ?? string.Empty);
        }

        secret.StringData = null;
    }

    private static bool SameData(IDictionary<string, byte[]>? left, IDictionary<string, byte[]>? right)
    {
        left ??= new Dictionary<string, byte[]>();
        right ??= new Dictionary<string, byte[]>();
        return left.Count == right.Count
            && left.All(entry => right.TryGetValue(entry.Key, out var other) && entry.Value.AsSpan().SequenceEqual(other));
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKeyPattern();
}
