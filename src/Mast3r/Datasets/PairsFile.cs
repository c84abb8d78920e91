using System.Globalization;

namespace Mast3r.Datasets;

/// <summary>
/// Retrieval pairs: kapture pairs files (<c>query, map, score</c>, comma separated, sorted per query by score
/// descending, stable) or hloc pair lists (<c>query map</c>, space separated, <c>query/</c> and
/// <c>database/cutouts/</c> prefixes stripped, file order kept) — the two formats dust3r_visloc accepts (protocols.md §1.1).
/// </summary>
internal static class PairsFile
{
    public static Dictionary<string, List<string>> Read(string path)
    {
        TextRecords.RequireFile(path);
        var lines = TextRecords.ReadLines(path).ToList();
        bool kapture = lines.Count == 0 || lines[0].Text.Contains(',');
        var scored = new Dictionary<string, List<(string Map, double Score, int Order)>>(StringComparer.Ordinal);
        int order = 0;
        foreach (var (n, text) in lines)
        {
            string query, map;
            double score = 1.0;
            if (kapture)
            {
                var f = text.Split(',').Select(s => s.Trim()).ToArray();
                if (f.Length < 2) throw new InvalidDataException($"{path}, line {n}: expected 'query, map, score'");
                query = f[0]; map = f[1];
                if (f.Length > 2 && !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out score))
                    throw new InvalidDataException($"{path}, line {n}: score '{f[2]}' is not a number");
            }
            else
            {
                var f = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length != 2) throw new InvalidDataException($"{path}, line {n}: expected 'query map' (hloc format)");
                query = StripPrefix(f[0], "query/"); map = StripPrefix(f[1], "database/cutouts/");
            }
            if (!scored.TryGetValue(query, out var list)) scored[query] = list = new();
            list.Add((map, score, order++));
        }
        return scored.ToDictionary(kv => kv.Key,
            kv => kv.Value.OrderByDescending(p => p.Score).ThenBy(p => p.Order).Select(p => p.Map).ToList(), StringComparer.Ordinal);
    }

    public static void WriteKapture(string path, IEnumerable<(string Query, string Map, double Score)> pairs)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, new[] { "# query_image, map_image, score" }
            .Concat(pairs.Select(p => $"{p.Query}, {p.Map}, {p.Score.ToString("R", CultureInfo.InvariantCulture)}")));
    }

    /// <summary>hloc InLoc form: <c>query/&lt;q&gt; database/cutouts/&lt;m&gt;</c>, space-separated, in rank order (scores dropped).</summary>
    public static void WriteHloc(string path, IEnumerable<(string Query, string Map, double Score)> pairs)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, pairs.Select(p => $"query/{p.Query} database/cutouts/{p.Map}"));
    }

    private static string StripPrefix(string s, string prefix) => s.StartsWith(prefix, StringComparison.Ordinal) ? s[prefix.Length..] : s;
}
