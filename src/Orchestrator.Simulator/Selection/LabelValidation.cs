using System.Text.RegularExpressions;

namespace Orchestrator.Simulator.Selection;

/// <summary>
/// Label key and value rules with Kubernetes' wording (k8s.io/apimachinery/pkg/util/validation
/// IsQualifiedName, IsValidLabelValue).
/// </summary>
internal static partial class LabelValidation
{
    private const int NameMaxLength = 63;
    private const int SubdomainMaxLength = 253;

    private const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
        + "with an alphanumeric character (e.g. 'example.com', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end "
        + "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
        + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    /// <summary>Why <paramref name="key"/> is not a valid label key, or null when it is.</summary>
    public static string? KeyError(string key)
    {
        var errors = new List<string>();
        var parts = key.Split('/');
        if (parts.Length > 2)
        {
            return "a qualified name " + QualifiedNameMessage + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
        }

        var name = parts[^1];
        if (parts.Length == 2)
        {
            var prefix = parts[0];
            if (prefix.Length == 0)
            {
                errors.Add("prefix part must be non-empty");
            }
            else if (prefix.Length > SubdomainMaxLength)
            {
                errors.Add($"prefix part must be no more than {SubdomainMaxLength} characters");
            }
            else if (!Subdomain().IsMatch(prefix))
            {
                errors.Add("prefix part " + SubdomainMessage);
            }
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > NameMaxLength)
        {
            errors.Add($"name part must be no more than {NameMaxLength} characters");
        }

        if (!QualifiedName().IsMatch(name))
        {
            errors.Add("name part " + QualifiedNameMessage);
        }

        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    /// <summary>Why <paramref name="value"/> is not a valid label value, or null when it is.</summary>
    public static string? ValueError(string value)
    {
        var errors = new List<string>();
        if (value.Length > NameMaxLength)
        {
            errors.Add($"must be no more than {NameMaxLength} characters");
        }

        if (!LabelValue().IsMatch(value))
        {
            errors.Add(LabelValueMessage);
        }

        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    [GeneratedRegex(@"\A([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();

    [GeneratedRegex(@"\A(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValue();
}
