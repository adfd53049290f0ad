using System.Globalization;

namespace Orchestrator.Simulator.Selection;

/// <summary>One comma-separated term of a label selector.</summary>
/// <param name="Values">Distinct values, sorted ordinally; empty for Exists and DoesNotExist.</param>
internal sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    /// <summary>A requirement with validated values, as Kubernetes' labels.NewRequirement makes it.</summary>
    /// <exception cref="SelectorException">A value is not a label value, or not an integer for Gt and Lt.</exception>
    public static LabelRequirement Create(string key, LabelOperator op, IEnumerable<string> values)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < distinct.Count; i++)
        {
            if ((op is LabelOperator.GreaterThan or LabelOperator.LessThan) && !TryInteger(distinct[i], out _))
            {
                throw new SelectorException(Invalid($"values[{i}]", distinct[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
            }

            if (LabelValidation.ValueError(distinct[i]) is { } error)
            {
                throw new SelectorException(Invalid($"values[{i}][{key}]", distinct[i], error));
            }
        }

        return new LabelRequirement(key, op, distinct);
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        var has = labels is not null && labels.TryGetValue(Key, out value);
        return Operator switch
        {
            LabelOperator.Equal or LabelOperator.DoubleEqual or LabelOperator.In => has && Values.Contains(value!, StringComparer.Ordinal),
            LabelOperator.NotEqual or LabelOperator.NotIn => !has || !Values.Contains(value!, StringComparer.Ordinal),
            LabelOperator.Exists => has,
            LabelOperator.DoesNotExist => !has,
            LabelOperator.GreaterThan => has && TryInteger(value, out var actual) && actual > Integer(Values[0]),
            LabelOperator.LessThan => has && TryInteger(value, out var actual) && actual < Integer(Values[0]),
            _ => false,
        };
    }

    public override string ToString() => Operator switch
    {
        LabelOperator.Exists => Key,
        LabelOperator.DoesNotExist => "!" + Key,
        LabelOperator.Equal => $"{Key}={Values[0]}",
        LabelOperator.DoubleEqual => $"{Key}=={Values[0]}",
        LabelOperator.NotEqual => $"{Key}!={Values[0]}",
        LabelOperator.GreaterThan => $"{Key}>{Values[0]}",
        LabelOperator.LessThan => $"{Key}<{Values[0]}",
        LabelOperator.In => $"{Key} in ({string.Join(',', Values)})",
        LabelOperator.NotIn => $"{Key} notin ({string.Join(',', Values)})",
        _ => Key,
    };

    /// <summary>Kubernetes' field.Invalid wording.</summary>
    internal static string Invalid(string field, string value, string detail) => $"{field}: Invalid value: \"{value}\": {detail}";

    internal static bool TryInteger(string? text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static long Integer(string text) => TryInteger(text, out var value) ? value : 0;
}
