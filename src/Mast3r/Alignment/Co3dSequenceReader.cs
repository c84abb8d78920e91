using System.Text.Json;
using Mast3r.Geometry;
using Mast3r.IO;

namespace Mast3r.Alignment;

/// <summary>
/// CO3Dv2 test sequences as PoseDiffusion evaluates them (protocols.md §3.2), read from the raw release layout
/// <c>&lt;cat&gt;/{frame_annotations.jgz, sequence_annotations.jgz, set_lists/set_lists_fewview_dev.json}</c>:
/// the <c>test</c> subset of the few-view dev set list (RelPose++ <c>preprocess_co3d.py</c>), sequences with
/// <c>viewpoint_quality_score</c> &gt; 0.5, frames whose mask exceeds 0.4 somewhere, then PoseDiffusion's
/// <c>min_num_images</c> (50) and the |T₀|+|T₁|+|T₂| &gt; 1e5 sequence filter. Poses: pytorch3d viewpoint R, T →
/// OpenCV world→camera (<see cref="Pytorch3dCamera"/>). GT focals are read by nobody (the protocol has none).
/// Deviation: PoseDiffusion reads the RelPose++ preprocessed <c>&lt;cat&gt;_test.jgz</c>; we apply the same filters to
/// the raw files instead, so no preprocessing step is needed.
/// </summary>
internal static class Co3dSequenceReader
{
    /// <summary>The 41 "seen" categories of the PoseDiffusion test (protocols.md §3.2).</summary>
    public static IReadOnlyList<string> Categories { get; } = new[]
    {
        "apple", "backpack", "banana", "baseballbat", "baseballglove", "bench", "bicycle", "bottle", "bowl", "broccoli", "cake",
        "car", "carrot", "cellphone", "chair", "cup", "donut", "hairdryer", "handbag", "hydrant", "keyboard", "laptop",
        "microwave", "motorcycle", "mouse", "orange", "parkingmeter", "pizza", "plant", "stopsign", "teddybear", "toaster",
        "toilet", "toybus", "toyplane", "toytrain", "toytruck", "tv", "umbrella", "vase", "wineglass",
    };

    public const string SetList = "set_lists/set_lists_fewview_dev.json";

    /// <summary>The evaluated sequences of one category directory <c>root/category</c>.</summary>
    public static List<RelPoseSequence> ReadCategory(string root, string category, int minFrames = 50)
    {
        string dir = Path.Combine(root, category);
        string setPath = Path.Combine(dir, SetList);
        var test = new HashSet<(string, long)>();
        using (var doc = JsonFile.Parse(setPath, gzip: false))
        {
            if (!doc.RootElement.TryGetProperty("test", out var list)) throw new InvalidDataException($"{setPath}: no 'test' key");
            int n = 0;
            foreach (var e in list.EnumerateArray())
            {
                if (e.GetArrayLength() < 2) throw new InvalidDataException($"{setPath}: test entry {n} is not [sequence, frame, path]");
                test.Add((e[0].GetString()!, e[1].GetInt64()));
                n++;
            }
        }
        var good = new HashSet<string>(StringComparer.Ordinal);
        string seqPath = Path.Combine(dir, "sequence_annotations.jgz");
        using (var doc = JsonFile.Parse(seqPath, gzip: true))
        {
            int n = 0;
            foreach (var s in doc.RootElement.EnumerateArray())
            {
                string name = Str(s, "sequence_name", seqPath, n);
                if (s.TryGetProperty("viewpoint_quality_score", out var q) && q.ValueKind == JsonValueKind.Number && q.GetDouble() > 0.5) good.Add(name);
                n++;
            }
        }
        var frames = new SortedDictionary<string, List<(long Number, RelPoseFrame Frame, double TSum)>>(StringComparer.Ordinal);
        string framePath = Path.Combine(dir, "frame_annotations.jgz");
        using (var doc = JsonFile.Parse(framePath, gzip: true))
        {
            int n = -1;
            foreach (var f in doc.RootElement.EnumerateArray())
            {
                n++;
                string seq = Str(f, "sequence_name", framePath, n);
                long number = Prop(f, "frame_number", framePath, n).GetInt64();
                if (!good.Contains(seq) || !test.Contains((seq, number))) continue;
                string image = Str(Prop(f, "image", framePath, n), "path", framePath, n);
                string mask = Str(Prop(f, "mask", framePath, n), "path", framePath, n);
                if (!MaskHasForeground(Path.Combine(root, mask))) continue;
                var vp = Prop(f, "viewpoint", framePath, n);
                var r = Matrix(Prop(vp, "R", framePath, n), framePath, n);
                var t = Prop(vp, "T", framePath, n).EnumerateArray().Select(x => x.GetDouble()).ToArray();
                if (t.Length != 3) throw new InvalidDataException($"{framePath}: frame record {n} ('{seq}' #{number}) viewpoint.T has {t.Length} entries");
                if (!frames.TryGetValue(seq, out var list)) frames[seq] = list = new();
                list.Add((number, new RelPoseFrame($"frame{number:D6}", Path.Combine(root, image), Pytorch3dCamera.ToOpenCv(r, t)),
                    Math.Abs(t[0]) + Math.Abs(t[1]) + Math.Abs(t[2])));
            }
        }
        return frames.Where(kv => kv.Value.Count >= minFrames && kv.Value.All(x => x.TSum <= 1e5))
            .Select(kv => new RelPoseSequence($"{category}/{kv.Key}", kv.Value.OrderBy(x => x.Number).Select(x => x.Frame).ToList()))
            .ToList();
    }

    // RelPose++ drops frames whose mask bounding box is empty (mask > 0.4 nowhere).
    private static bool MaskHasForeground(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"CO3D mask not found: {path}", path);
        using var m = OpenCvSharp.Cv2.ImRead(path, OpenCvSharp.ImreadModes.Grayscale);
        if (m.Empty()) throw new InvalidDataException($"{path}: not a readable image");
        OpenCvSharp.Cv2.MinMaxLoc(m, out _, out double max);
        return max > 0.4 * 255;
    }

    private static JsonElement Prop(JsonElement e, string key, string path, int record) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null ? v
            : throw new InvalidDataException($"{path}: record {record} has no '{key}'");

    private static string Str(JsonElement e, string key, string path, int record) =>
        Prop(e, key, path, record).GetString() ?? throw new InvalidDataException($"{path}: record {record} '{key}' is not a string");

    private static double[,] Matrix(JsonElement e, string path, int record)
    {
        var rows = e.EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray();
        if (rows.Length != 3 || rows.Any(r => r.Length != 3)) throw new InvalidDataException($"{path}: record {record} viewpoint.R is not 3×3");
        var m = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                m[i, j] = rows[i][j];
        return m;
    }
}
