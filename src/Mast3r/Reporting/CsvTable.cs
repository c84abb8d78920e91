using System.Globalization;
using System.Text;

namespace Mast3r.Reporting;

/// <summary>
/// A per-query/per-pair table as RFC 4180 CSV (comma, CRLF-free "\n" lines, quotes only where needed, invariant
/// culture, doubles in round-trip form, NaN for "not available"). Build it row by row, then <see cref="Write"/>.
/// </summary>
public sealed class CsvTable
{
    private readonly List<string[]> _rows = [];

    /// <summary>Creates an empty table with the given column names.</summary>
    public CsvTable(IEnumerable<string> columns)
    {
        Columns = columns.ToArray();
        if (Columns.Count == 0) throw new ArgumentException("A CSV table needs at least one column.", nameof(columns));
        var duplicate = Columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new ArgumentException($"Duplicate CSV column '{duplicate.Key}'.", nameof(columns));
    }

    /// <summary>Column names in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Rows as text cells, in insertion order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>Appends a row; numbers are formatted invariantly (doubles round-trip), null becomes an empty cell.</summary>
    public CsvTable AddRow(params object?[] cells)
    {
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"Row has {cells.Length} cells, the table has {Columns.Count} columns ({string.Join(",", Columns)}).", nameof(cells));
        _rows.Add(cells.Select(Format).ToArray());
        return this;
    }

    /// <summary>Index of a column; throws naming the available columns when absent.</summary>
    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++) if (Columns[i] == column) return i;
        throw new KeyNotFoundException($"CSV has no column '{column}' (columns: {string.Join(", ", Columns)}).");
    }

    /// <summary>A column parsed as doubles; empty or unparsable cells become NaN.</summary>
    public double[] Numbers(string column)
    {
        int i = IndexOf(column);
        return _rows.Select(r => double.TryParse(r[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN).ToArray();
    }

    /// <summary>Writes the table atomically to <paramref name="path"/>.</summary>
    public void Write(string path)
    {
        var sb = new StringBuilder();
        AppendLine(sb, Columns);
        foreach (var row in _rows) AppendLine(sb, row);
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    /// <summary>Reads a table written by <see cref="Write"/> (or any RFC 4180 CSV with a header); errors name file and line.</summary>
    public static CsvTable Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        var records = CsvParser.Parse(File.ReadAllText(path), path);
        if (records.Count == 0) throw new InvalidDataException($"{path}: empty CSV, expected a header line.");
        var table = new CsvTable(records[0].Cells);
        foreach (var (line, cells) in records.Skip(1))
        {
            if (cells.Length != table.Columns.Count)
                throw new InvalidDataException($"{path}: line {line} has {cells.Length} cells, the header has {table.Columns.Count}.");
            table._rows.Add(cells);
        }
        return table;
    }

    private static string Format(object? cell) => cell switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static void AppendLine(StringBuilder sb, IEnumerable<string> cells)
    {
        sb.AppendJoin(',', cells.Select(Quote));
        sb.Append('\n');
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
