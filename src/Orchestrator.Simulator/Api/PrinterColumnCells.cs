using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary>
/// The cells of a custom resource's printer columns, as the API server's table convertor fills them: the first
/// value the column's JSONPath finds, typed as the column says, or null (kubectl's <c>&lt;none&gt;</c>) when none.
/// </summary>
internal static class PrinterColumnCells
{
    public static IEnumerable<JsonNode?> For(IReadOnlyList<PrinterColumn> columns, JsonNode item, DateTimeOffset now) =>
        columns.Select(column => Cell(column.Type, Find(item, column.JsonPath), now));

    /// <summary>
    /// Follows a simple JSONPath (<c>.a.b</c>, <c>.a[0].b</c>, <c>.a['b.c']</c>), which is what the API server accepts for
    /// printer columns, apart from filters.
    /// </summary>
    internal static JsonNode? Find(JsonNode? node, string path)
    {
        var rest = path.Trim().TrimStart('{').TrimEnd('}').TrimStart('$');
        while (rest.Length > 0 && node is not null)
        {
            if (rest[0] == '.')
            {
                var end = rest.IndexOfAny(['.', '['], 1);
                var name = end < 0 ? rest[1..] : rest[1..end];
                node = node is JsonObject map ? map[name] : null;
                rest = end < 0 ? string.Empty : rest[end..];
            }
            else if (rest[0] == '[')
            {
                var end = rest.IndexOf(']', StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                var key = rest[1..end].Trim('\'', '"');
                node = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    ? node is JsonArray list && index < list.Count ? list[index] : null
                    : node is JsonObject map ? map[key] : null;
                rest = rest[(end + 1)..];
            }
            else
            {
                return null;
            }
        }

        return node;
    }

    private static JsonNode? Cell(string type, JsonNode? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        var kind = value.GetValueKind();
        return type switch
        {
            "integer" when kind == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out var whole) => whole,
            "number" when kind == JsonValueKind.Number => value.GetValue<double>(),
            "boolean" when kind is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
            "date" when kind == JsonValueKind.String => DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? TableConverter.Age(time.UtcDateTime, now)
                : "<invalid>",
            "string" => kind == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString(),
            "integer" or "number" or "boolean" or "date" => null,
            _ => value.ToJsonString(),
        };
    }
}
