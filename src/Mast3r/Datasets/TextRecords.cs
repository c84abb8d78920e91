using System.Globalization;

namespace Mast3r.Datasets;

/// <summary>
/// Line-oriented reading of the text formats of the benchmarks (COLMAP, kapture, hloc pairs, map-free): skips blank
/// and <c>#</c> lines and turns every parse problem into an <see cref="InvalidDataException"/> naming file and line.
/// </summary>
internal static class TextRecords
{
    /// <summary>A data line: its 1-based number and fields.</summary>
    internal readonly record struct Record(string File, int Line, string[] Fields)
    {
        public double Double(int i) =>
            i < Fields.Length && double.TryParse(Fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v : throw Error($"field {i + 1} is not a number ('{(i < Fields.Length ? Fields[i] : "<missing>")}')");

        public int Int(int i) =>
            i < Fields.Length && int.TryParse(Fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v : throw Error($"field {i + 1} is not an integer ('{(i < Fields.Length ? Fields[i] : "<missing>")}')");

        public long Long(int i) =>
            i < Fields.Length && long.TryParse(Fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v : throw Error($"field {i + 1} is not an integer ('{(i < Fields.Length ? Fields[i] : "<missing>")}')");

        public void RequireFields(int min)
        {
            if (Fields.Length < min) throw Error($"expected at least {min} fields, found {Fields.Length}");
        }

        public InvalidDataException Error(string message) => new($"{File}, line {Line}: {message}");
    }

    /// <summary>Whitespace-separated records.</summary>
    public static IEnumerable<Record> ReadWhitespace(string path) => Read(path, l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Comma-separated records with fields trimmed (kapture).</summary>
    public static IEnumerable<Record> ReadComma(string path) => Read(path, l => l.Split(',').Select(f => f.Trim()).ToArray());

    /// <summary>All non-comment lines with their numbers (for formats whose lines alternate, like COLMAP images.txt).</summary>
    public static IEnumerable<(int Line, string Text)> ReadLines(string path, bool keepBlank = false)
    {
        RequireFile(path);
        int n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            var t = raw.TrimEnd('\r');
            if (t.TrimStart().StartsWith('#')) continue;
            if (!keepBlank && t.Trim().Length == 0) continue;
            yield return (n, t);
        }
    }

    /// <summary>Throws a <see cref="FileNotFoundException"/> naming the file when it does not exist.</summary>
    public static void RequireFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Required file not found: {path}", path);
    }

    private static IEnumerable<Record> Read(string path, Func<string, string[]> split)
    {
        foreach (var (line, text) in ReadLines(path)) yield return new Record(path, line, split(text));
    }
}
