using System.Text;

namespace Orchestrator.Cli.Output;

/// <summary>A plain, left-aligned text table like kubectl prints: a header row and columns two spaces apart.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string?[] cells)
    {
        _rows.Add(cells.Select(cell => string.IsNullOrEmpty(cell) ? "-" : cell.ReplaceLineEndings(" ")).ToArray());
        return this;
    }

    public override string ToString()
    {
        var widths = headers.Select((header, column) => _rows.Select(row => column < row.Length ? row[column].Length : 0).Append(header.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(headers))
        {
            var line = string.Join("  ", row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column])));
            text.Append(line.TrimEnd()).Append('\n');
        }

        return text.ToString();
    }
}
