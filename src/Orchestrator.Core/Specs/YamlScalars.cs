using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Core.Specs;

/// <summary>
/// Resolves a scalar's kind by YAML 1.2's core schema, as Kubernetes tools do before they decode a field: a plain
/// <c>123</c> is a number and <c>"123"</c> is text, so neither is taken for the other.
/// </summary>
internal static partial class YamlScalars
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    public static ScalarKind KindOf(YamlScalarNode scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        if (!scalar.Tag.IsEmpty && scalar.Tag.Value != "!")
        {
            return scalar.Tag.Value switch
            {
                TagPrefix + "str" => ScalarKind.Text,
                TagPrefix + "null" => ScalarKind.Null,
                TagPrefix + "bool" => ScalarKind.Boolean,
                TagPrefix + "int" => ScalarKind.Integer,
                TagPrefix + "float" => ScalarKind.Float,
                _ => ScalarKind.Unknown,
            };
        }

        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
        {
            return ScalarKind.Text;
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
            "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarKind.Boolean,
            _ when Integer().IsMatch(value) => ScalarKind.Integer,
            _ when Float().IsMatch(value) => ScalarKind.Float,
            _ => ScalarKind.Text,
        };
    }

    [GeneratedRegex(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\z")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))\z")]
    private static partial Regex Float();
}
