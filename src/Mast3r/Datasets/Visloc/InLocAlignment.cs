using System.Globalization;

namespace Mast3r.Datasets.Visloc;

/// <summary>
/// InLoc <c>&lt;building&gt;_alignment/all_transformations.txt</c> (protocols.md §1.1): blocks that start with a
/// 3-character scan id line (e.g. <c>005</c>) and carry, after the line <c>After general icp:</c>, the 4×4
/// scan→building matrix on the next four lines. Read as in dust3r_visloc InLoc (matrix applied to <c>XYZcut</c>).
/// </summary>
internal static class InLocAlignment
{
    public const string IcpMarker = "After general icp:";

    /// <summary>Row-major 4×4 scan→building matrices by scan id.</summary>
    public static Dictionary<string, double[]> Read(string path)
    {
        var lines = TextRecords.ReadLines(path).ToList();
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        string? scan = null;
        for (int i = 0; i < lines.Count; i++)
        {
            string t = lines[i].Text.Trim();
            if (t.Length == 3 && t.All(char.IsDigit)) { scan = t; continue; }
            if (t != IcpMarker) continue;
            if (scan is null) throw new InvalidDataException($"{path}, line {lines[i].Line}: '{IcpMarker}' before any 3-digit scan id line");
            var m = new double[16];
            for (int r = 0; r < 4; r++)
            {
                if (i + 1 + r >= lines.Count) throw new InvalidDataException($"{path}, line {lines[i].Line}: scan {scan}: the 4×4 matrix after '{IcpMarker}' is cut short");
                var (line, text) = lines[i + 1 + r];
                var f = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length != 4) throw new InvalidDataException($"{path}, line {line}: scan {scan}: expected 4 matrix values, found {f.Length}");
                for (int c = 0; c < 4; c++)
                    m[4 * r + c] = double.TryParse(f[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                        : throw new InvalidDataException($"{path}, line {line}: scan {scan}: '{f[c]}' is not a number");
            }
            result[scan] = m;
            i += 4;
        }
        return result;
    }

    public static void Write(string path, IEnumerable<(string Scan, double[] Matrix)> scans)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var ci = CultureInfo.InvariantCulture;
        var lines = new List<string>();
        foreach (var (scan, m) in scans)
        {
            lines.Add(scan);
            lines.Add(IcpMarker);
            for (int r = 0; r < 4; r++) lines.Add(string.Join(' ', Enumerable.Range(0, 4).Select(c => m[4 * r + c].ToString("R", ci))));
            lines.Add("");
        }
        File.WriteAllLines(path, lines);
    }
}
