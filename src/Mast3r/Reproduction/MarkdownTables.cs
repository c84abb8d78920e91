using System.Globalization;
using System.Text.RegularExpressions;

namespace Mast3r.Reproduction;

/// <summary>
/// The pipe tables of a markdown document grouped by their <c>## </c> section, so that a published number can be
/// looked up by (section, row cells, column header, part) — used to check the YAML against expected-results.md.
/// </summary>
internal sealed partial class MarkdownTables
{
    private readonly Dictionary<string, List<List<string[]>>> _bySection = new();

    private MarkdownTables() { }

    public static MarkdownTables Parse(string markdown)
    {
        var result = new MarkdownTables();
        string section = "";
        List<string[]>? table = null;
        foreach (var raw in markdown.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.StartsWith("## ", StringComparison.Ordinal)) { section = line[3..].Trim(); table = null; continue; }
            if (!line.StartsWith('|')) { table = null; continue; }
            var cells = line.Trim().Trim('|').Split('|').Select(Clean).ToArray();
            if (cells.All(c => c.Length > 0 && c.All(ch => ch is '-' or ':'))) continue; // separator row
            if (table is null)
            {
                table = new List<string[]>();
                if (!result._bySection.TryGetValue(section, out var list)) result._bySection[section] = list = new();
                list.Add(table);
            }
            table.Add(cells);
        }
        return result;
    }

    /// <summary>The whole cell text, or an explanation of why it cannot be found.</summary>
    public string FindCell(string sectionPrefix, IReadOnlyList<string> rowKeys, string column)
    {
        var sections = _bySection.Keys.Where(k => k.StartsWith(sectionPrefix, StringComparison.Ordinal)).ToList();
        if (sections.Count != 1)
            throw new KeyNotFoundException($"section '{sectionPrefix}' matches {sections.Count} headings");
        var hits = new List<string>();
        foreach (var table in _bySection[sections[0]])
        {
            int col = Array.IndexOf(table[0], column);
            if (col < 0) continue;
            foreach (var row in table.Skip(1))
                if (rowKeys.All(k => row.Contains(k)) && col < row.Length) hits.Add(row[col]);
        }
        if (hits.Count != 1)
            throw new KeyNotFoundException(
                $"section '{sectionPrefix}': {hits.Count} rows match [{string.Join(", ", rowKeys)}] with a column '{column}'");
        return hits[0];
    }

    /// <summary>The number in part <paramref name="part"/> of a cell split on '/' ("83.4/95.3/99.4", "0.94 m / 3.6°").</summary>
    public static double ParseNumber(string cell, int part)
    {
        var parts = cell.Split('/');
        if (part >= parts.Length) throw new FormatException($"cell '{cell}' has no part {part}");
        var m = NumberRegex().Match(parts[part]);
        if (!m.Success) throw new FormatException($"cell '{cell}' part {part} holds no number");
        return double.Parse(m.Value, CultureInfo.InvariantCulture);
    }

    private static string Clean(string cell) => cell.Replace("**", "").Trim();

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex NumberRegex();
}
