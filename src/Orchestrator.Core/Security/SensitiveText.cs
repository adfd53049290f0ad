namespace Orchestrator.Core.Security;

/// <summary>
/// Text that must not be shown: a private key. It prints as <c>[redacted]</c>, serializes to nothing unless a
/// store registers a converter that encrypts it, and is read only through <see cref="Reveal"/>.
/// </summary>
public sealed class SensitiveText : IEquatable<SensitiveText>
{
    private readonly string _value;

    public SensitiveText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    public string Reveal() => _value;

    public override string ToString() => "[redacted]";

    public bool Equals(SensitiveText? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SensitiveText);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);
}
