using System.Text.Json;
using Mast3r.IO;

namespace Mast3r.Training.Data.Co3d;

/// <summary>One set-list entry: [sequence_name, frame_number, filepath] (filepath relative to the CO3D root).</summary>
internal sealed record Co3dSetListEntry(string Sequence, int FrameNumber, string FilePath);

/// <summary>The annotation of one frame with the paths the preprocessing needs (relative to the CO3D root).</summary>
internal sealed record Co3dFrameRecord(Co3dFrameAnnotation Annotation, string ImagePath, string DepthPath);

/// <summary>
/// Reads the annotation files of one raw CO3Dv2 category folder (protocols.md §6.1–6.2): <c>set_lists/*.json</c>,
/// <c>sequence_annotations.jgz</c> and <c>frame_annotations.jgz</c> (gzip JSON). Mirrors the file handling of dust3r
/// <c>preprocess_co3d.py</c> (prepare_sequences); errors name the file and the entry.
/// </summary>
internal static class Co3dCategoryReader
{
    /// <summary>
    /// The <paramref name="split"/> lists of every set-list file whose name contains <paramref name="subsetTag"/>
    /// (<c>fewview_train</c>, or <c>manyview_dev</c> for the single-sequence subset), concatenated in file-name order.
    /// </summary>
    public static List<Co3dSetListEntry> ReadSetLists(string categoryDir, string split, string subsetTag = "fewview_train")
    {
        string dir = Path.Combine(categoryDir, "set_lists");
        if (!Directory.Exists(dir)) throw new FileNotFoundException($"{dir}: set_lists folder not found.");
        var files = Directory.GetFiles(dir, "*.json").Where(f => Path.GetFileName(f).Contains(subsetTag, StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new FileNotFoundException($"{dir}: no set-list file whose name contains '{subsetTag}'.");
        var entries = new List<Co3dSetListEntry>();
        foreach (var file in files)
        {
            using var doc = JsonFile.Parse(file, gzip: false);
            if (!doc.RootElement.TryGetProperty(split, out var list) || list.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{file}: no '{split}' list.");
            int i = 0;
            foreach (var e in list.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() < 3)
                    throw new InvalidDataException($"{file}: '{split}'[{i}] is not [seq_name, frame_number, filepath].");
                entries.Add(new Co3dSetListEntry(e[0].GetString()!, e[1].GetInt32(), e[2].GetString()!));
                i++;
            }
        }
        return entries;
    }

    /// <summary>viewpoint_quality_score per sequence (null scores become NaN, which never passes the threshold).</summary>
    public static Dictionary<string, double> ReadQualityScores(string categoryDir)
    {
        string file = Path.Combine(categoryDir, "sequence_annotations.jgz");
        using var doc = JsonFile.Parse(file, gzip: true);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in doc.RootElement.EnumerateArray())
        {
            string name = s.GetProperty("sequence_name").GetString()!;
            scores[name] = s.TryGetProperty("viewpoint_quality_score", out var q) && q.ValueKind == JsonValueKind.Number ? q.GetDouble() : double.NaN;
        }
        return scores;
    }

    /// <summary>Frame annotations keyed by image.path.</summary>
    public static Dictionary<string, Co3dFrameRecord> ReadFrameAnnotations(string categoryDir)
    {
        string file = Path.Combine(categoryDir, "frame_annotations.jgz");
        using var doc = JsonFile.Parse(file, gzip: true);
        var frames = new Dictionary<string, Co3dFrameRecord>(StringComparer.Ordinal);
        int i = 0;
        foreach (var f in doc.RootElement.EnumerateArray())
        {
            try
            {
                var image = f.GetProperty("image");
                var size = Doubles(image.GetProperty("size"), 2);
                var depth = f.GetProperty("depth");
                var vp = f.GetProperty("viewpoint");
                var a = new Co3dFrameAnnotation(Doubles(vp.GetProperty("R"), 9), Doubles(vp.GetProperty("T"), 3),
                    Doubles(vp.GetProperty("focal_length"), 2), Doubles(vp.GetProperty("principal_point"), 2),
                    (int)size[0], (int)size[1], depth.GetProperty("scale_adjustment").GetDouble());
                string path = image.GetProperty("path").GetString()!;
                frames[path] = new Co3dFrameRecord(a, path, depth.GetProperty("path").GetString()!);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException)
            {
                throw new InvalidDataException($"{file}: entry {i} is malformed ({e.Message}).", e);
            }
            i++;
        }
        return frames;
    }

    /// <summary>Flattens a JSON number array or nested arrays (R is 3×3) into <paramref name="count"/> values.</summary>
    private static double[] Doubles(JsonElement e, int count)
    {
        var values = new List<double>();
        void Walk(JsonElement x)
        {
            if (x.ValueKind == JsonValueKind.Array) foreach (var c in x.EnumerateArray()) Walk(c);
            else values.Add(x.GetDouble());
        }
        Walk(e);
        if (values.Count != count) throw new InvalidDataException($"expected {count} numbers, found {values.Count}");
        return values.ToArray();
    }
}
