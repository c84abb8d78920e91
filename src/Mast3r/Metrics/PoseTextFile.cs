using System.Globalization;
using Mast3r.Geometry;

namespace Mast3r.Metrics;

/// <summary>
/// Whitespace-separated pose lists: <c>name qw qx qy qz tx ty tz</c> (visuallocalization.net / dust3r
/// <c>_ltvl.txt</c>; world→camera, quaternion w first) and <c>sequence frame qw qx qy qz tx ty tz</c>. Blank lines and
/// lines starting with '#' are skipped. Every error names the file and the 1-based line.
/// </summary>
internal static class PoseTextFile
{
    /// <summary>A pose with the key fields that precede it and the line it came from.</summary>
    internal sealed record Entry(string[] Keys, Pose Pose, int Line);

    /// <summary>Reads <c>name qw qx qy qz tx ty tz</c> lines; names must be unique.</summary>
    public static IReadOnlyList<Entry> ReadNamed(string path) => Read(path, keyCount: 1, "name qw qx qy qz tx ty tz");

    /// <summary>Reads <c>sequence frame qw qx qy qz tx ty tz</c> lines; (sequence, frame) pairs must be unique.</summary>
    public static IReadOnlyList<Entry> ReadSequenceFrames(string path) => Read(path, keyCount: 2, "sequence frame qw qx qy qz tx ty tz");

    private static IReadOnlyList<Entry> Read(string path, int keyCount, string layout)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        var entries = new List<Entry>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineNo = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNo++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != keyCount + 7)
                throw Error(path, lineNo, $"expected {keyCount + 7} fields '{layout}', found {fields.Length}");
            var keys = fields[..keyCount];
            var v = new double[7];
            for (int i = 0; i < 7; i++)
            {
                if (!double.TryParse(fields[keyCount + i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]))
                    throw Error(path, lineNo, $"field {keyCount + i + 1} ('{fields[keyCount + i]}') is not a number");
                if (!double.IsFinite(v[i]))
                    throw Error(path, lineNo, $"field {keyCount + i + 1} ('{fields[keyCount + i]}') is not finite");
            }
            if (v[0] == 0 && v[1] == 0 && v[2] == 0 && v[3] == 0)
                throw Error(path, lineNo, "the quaternion is zero");
            string key = string.Join(" ", keys);
            if (firstLine.TryGetValue(key, out int previous))
                throw Error(path, lineNo, $"'{key}' already appears on line {previous}");
            firstLine[key] = lineNo;
            entries.Add(new Entry(keys, Pose.FromQuaternion(v[0], v[1], v[2], v[3], v[4], v[5], v[6]), lineNo));
        }
        return entries;
    }

    private static InvalidDataException Error(string path, int line, string message) => new($"{path}:{line}: {message}");

    /// <summary>
    /// One line of dust3r's <c>export_results</c>: the world→camera pose obtained by inverting the estimated
    /// camera→world pose; a failed query (null) is written as the identity <c>1 0 0 0 0 0 0</c>.
    /// </summary>
    public static string FormatExportLine(string name, Pose? cameraToWorld)
    {
        if (name.Length == 0 || name.Any(char.IsWhiteSpace)) throw new ArgumentException($"query name '{name}' is empty or contains whitespace");
        if (cameraToWorld is null) return $"{name} 1 0 0 0 0 0 0";
        var w2c = cameraToWorld.Inverse();
        var q = w2c.ToQuaternion();
        var t = w2c.Translation;
        return string.Join(" ", new[] { q.W, q.X, q.Y, q.Z, t[0], t[1], t[2] }
            .Select(x => x.ToString("R", CultureInfo.InvariantCulture)).Prepend(name));
    }
}
