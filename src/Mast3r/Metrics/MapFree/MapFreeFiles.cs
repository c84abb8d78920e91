using System.Globalization;
using System.IO.Compression;

namespace Mast3r.Metrics.MapFree;

/// <summary>
/// Readers for the official map-free layout: <c>&lt;split&gt;/&lt;scene&gt;/{intrinsics.txt, poses.txt}</c> and the
/// submission files <c>pose_&lt;scene&gt;.txt</c> (in a folder or at the root of a ZIP). Lines are tokenised
/// as the reference does (mirrors map-free-reloc benchmark/utils.py load_poses and load_K, and the scene and ZIP
/// handling of benchmark/mapfree.py: strip, split on single spaces, frame key = int(name[-9:-4])).
/// </summary>
/// <remarks>
/// The reference silently skips malformed pose lines, which turns a formatting bug into "missing frames". Here a
/// malformed line (wrong field count, unparsable number or frame name) is an error naming the file and line unless
/// <c>lenient</c> is set, in which case it is skipped with a warning exactly like the reference. Lines the
/// reference rejects on their values (NaN/inf, quaternion of norm ≈ 0) are always skipped with a warning, so they
/// count as failures as they do on the server.
/// </remarks>
internal static class MapFreeFiles
{
    public const string IntrinsicsFile = "intrinsics.txt";
    public const string PosesFile = "poses.txt";

    /// <summary>Scenes of a split folder (every sub-folder, ordinal order), or the folder itself if it is a scene.</summary>
    public static List<MapFreeGroundTruth> LoadScenes(string dataDir, bool lenient, Action<string> warn)
    {
        if (!Directory.Exists(dataDir)) throw new InvalidDataException($"{dataDir}: data folder not found");
        if (File.Exists(Path.Combine(dataDir, PosesFile)))
            return [LoadScene(dataDir, lenient, warn)];
        var dirs = Directory.GetDirectories(dataDir).OrderBy(d => d, StringComparer.Ordinal).ToList();
        if (dirs.Count == 0) throw new InvalidDataException($"{dataDir}: no scene folders (expected sNNNNN/{IntrinsicsFile}, {PosesFile})");
        return dirs.Select(d => LoadScene(d, lenient, warn)).ToList();
    }

    public static MapFreeGroundTruth LoadScene(string sceneDir, bool lenient, Action<string> warn)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(sceneDir)));
        string kPath = Path.Combine(sceneDir, IntrinsicsFile), pPath = Path.Combine(sceneDir, PosesFile);
        foreach (var p in new[] { kPath, pPath })
            if (!File.Exists(p)) throw new InvalidDataException($"{p}: ground-truth file not found");
        var (k, w, h) = ReadIntrinsics(kPath, File.ReadAllLines(kPath));
        var poses = ReadPoses(pPath, File.ReadAllLines(pPath), withConfidence: false, lenient, warn);
        return new MapFreeGroundTruth(name, k, w, h, poses);
    }

    /// <summary>
    /// Reads <c>intrinsics.txt</c> ("name fx fy cx cy W H"). Like the reference, the clipping size is the W, H of
    /// the last line and later lines overwrite earlier ones with the same frame key.
    /// </summary>
    public static (Dictionary<int, MapFreeIntrinsics> K, double Width, double Height) ReadIntrinsics(string path, IReadOnlyList<string> lines)
    {
        var k = new Dictionary<int, MapFreeIntrinsics>();
        double w = double.NaN, h = double.NaN;
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            if (line.Contains('#') || line.Trim().Length == 0) continue;
            var parts = line.Trim().Split(' ');
            string Where() => $"{path}:{i + 1}";
            if (parts.Length != 7)
                throw new InvalidDataException($"{Where()}: expected 7 fields separated by single spaces (name fx fy cx cy W H), found {parts.Length}");
            int frame = FrameKey(parts[0]) ?? throw new InvalidDataException($"{Where()}: cannot read a frame number from '{parts[0]}' (expected e.g. seq1/frame_00005.jpg)");
            var v = new double[6];
            for (int j = 0; j < 6; j++)
                v[j] = ParseFloat(parts[j + 1]) ?? throw new InvalidDataException($"{Where()}: field {j + 2} '{parts[j + 1]}' is not a number");
            k[frame] = new MapFreeIntrinsics((float)v[0], (float)v[1], (float)v[2], (float)v[3]);
            (w, h) = (v[4], v[5]);
        }
        if (k.Count == 0) throw new InvalidDataException($"{path}: no intrinsics lines");
        if (!(w > 0) || !(h > 0)) throw new InvalidDataException($"{path}: image size must be positive, got {w}×{h} on the last line");
        return (k, w, h);
    }

    /// <summary>Reads a pose file ("name qw qx qy qz tx ty tz[ confidence]") with dictionary semantics by frame key.</summary>
    public static OrderedDictionary<int, MapFreePose> ReadPoses(string path, IReadOnlyList<string> lines, bool withConfidence, bool lenient, Action<string> warn)
    {
        int expected = withConfidence ? 9 : 8;
        string layout = withConfidence ? "name qw qx qy qz tx ty tz confidence" : "name qw qx qy qz tx ty tz";
        var poses = new OrderedDictionary<int, MapFreePose>();
        for (int i = 0; i < lines.Count; i++)
        {
            string trimmed = lines[i].Trim();
            string where = $"{path}:{i + 1}";
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            var parts = trimmed.Split(' ');
            if (parts.Length != expected)
            {
                Malformed($"expected {expected} fields separated by single spaces ({layout}), found {parts.Length}");
                continue;
            }
            if (parts[0].Contains('#')) continue;
            if (FrameKey(parts[0]) is not int frame)
            {
                Malformed($"cannot read a frame number from '{parts[0]}' (expected e.g. seq1/frame_00005.jpg)");
                continue;
            }
            var v = new double[expected - 1];
            int bad = -1;
            for (int j = 0; j < v.Length && bad < 0; j++)
            {
                if (ParseFloat(parts[j + 1]) is double x) v[j] = x;
                else bad = j;
            }
            if (bad >= 0)
            {
                Malformed($"field {bad + 2} '{parts[bad + 1]}' is not a number");
                continue;
            }
            if (v.Any(x => !double.IsFinite(x)))
            {
                warn($"{where}: NaN or infinite value; line ignored (the frame counts as missing, as in the official benchmark)");
                continue;
            }
            // np.isclose(norm, 0): |norm| <= 1e-8.
            if (Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2] + v[3] * v[3]) <= 1e-8)
            {
                warn($"{where}: quaternion has zero norm; line ignored (the frame counts as missing, as in the official benchmark)");
                continue;
            }
            // A negative confidence is rejected only when the frame is scored (MapFreeBenchmark), as in the reference.
            poses[frame] = new MapFreePose(v[0], v[1], v[2], v[3], v[4], v[5], v[6], withConfidence ? v[7] : 0);

            void Malformed(string message)
            {
                if (!lenient) throw new InvalidDataException($"{where}: {message}");
                warn($"{where}: {message}; line ignored");
            }
        }
        return poses;
    }

    /// <summary>
    /// The submission: <c>pose_&lt;scene&gt;.txt</c> files in a folder or at the root of a ZIP, for the given scenes
    /// only (other files are reported, as the reference does).
    /// </summary>
    public static Dictionary<string, IReadOnlyDictionary<int, MapFreePose>> LoadSubmission(string path, IEnumerable<string> sceneNames, bool lenient, Action<string> warn)
    {
        Dictionary<string, Func<string[]>> files;
        ZipArchive? zip = null;
        try
        {
            if (Directory.Exists(path))
            {
                files = Directory.GetFiles(path).Select(Path.GetFileName).OfType<string>()
                    .ToDictionary(f => f, f => (Func<string[]>)(() => File.ReadAllLines(Path.Combine(path, f))), StringComparer.Ordinal);
            }
            else if (File.Exists(path))
            {
                zip = ZipFile.OpenRead(path);
                files = zip.Entries.Where(e => !e.FullName.EndsWith('/')).GroupBy(e => e.FullName, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => (Func<string[]>)(() => ReadZipEntry(g.Last())), StringComparer.Ordinal);
            }
            else throw new InvalidDataException($"{path}: estimates folder or ZIP not found");

            var scenes = sceneNames.ToHashSet(StringComparer.Ordinal);
            var result = new Dictionary<string, IReadOnlyDictionary<int, MapFreePose>>(StringComparer.Ordinal);
            foreach (var scene in scenes)
            {
                string name = $"pose_{scene}.txt";
                if (files.TryGetValue(name, out var read))
                    result[scene] = ReadPoses(Path.Combine(path, name), read(), withConfidence: true, lenient, warn);
                else warn($"{path}: no {name}; all of its frames count as missing");
            }
            int unexpected = files.Keys.Where(f => f.StartsWith("pose_", StringComparison.Ordinal) && f.Length >= 9)
                .Select(f => f[5..^4]).Distinct().Count(s => !scenes.Contains(s));
            if (unexpected > 0) warn($"{path}: estimates for {unexpected} scene(s) outside the ground-truth folder are ignored");
            return result;
        }
        finally { zip?.Dispose(); }
    }

    private static string[] ReadZipEntry(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), new System.Text.UTF8Encoding(false, true));
        var lines = new List<string>();
        while (reader.ReadLine() is { } l) lines.Add(l);
        return lines.ToArray();
    }

    /// <summary>Python's <c>int(name[-9:-4])</c>: null where Python raises ValueError.</summary>
    internal static int? FrameKey(string name)
    {
        int start = Math.Max(name.Length - 9, 0), end = Math.Max(name.Length - 4, 0);
        string s = end > start ? name[start..end].Trim() : "";
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-')) { negative = s[0] == '-'; i = 1; }
        if (i >= s.Length) return null;
        int value = 0;
        bool lastWasDigit = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c is >= '0' and <= '9') { value = value * 10 + (c - '0'); lastWasDigit = true; }
            else if (c == '_' && lastWasDigit && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])) lastWasDigit = false;
            else return null;
        }
        return negative ? -value : value;
    }

    /// <summary>Python's <c>float(s)</c> for the forms that occur in practice (including inf/nan spellings).</summary>
    internal static double? ParseFloat(string s)
    {
        string t = s.Trim().ToLowerInvariant();
        string body = t.TrimStart('+', '-');
        if (t.Length - body.Length <= 1 && body is "inf" or "infinity" or "nan")
            return body == "nan" ? double.NaN : t[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        return double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out double v) ? v : null;
    }
}
