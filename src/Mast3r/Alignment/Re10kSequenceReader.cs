using System.Globalization;
using Mast3r.Geometry;

namespace Mast3r.Alignment;

/// <summary>
/// RealEstate10K test clips (protocols.md §3.2): ids from <c>re10k_test_1800.txt</c>; camera file
/// <c>test/&lt;id&gt;.txt</c> (line 1 the YouTube URL; then <c>timestamp_us fx fy cx cy 0 0</c> + the 3×4 world→camera
/// [R|t] row-major); frames extracted to <c>test/&lt;id&gt;/&lt;timestamp_us&gt;.png</c> (our convention: the dataset ships
/// no images). Clips without extracted frames are left out (many videos are offline) and counted in
/// <see cref="Result.MissingClips"/>. Sequence names are <c>re10k/&lt;id&gt;</c>: RealEstate10K is one pool.
/// </summary>
internal static class Re10kSequenceReader
{
    internal sealed record Result(List<RelPoseSequence> Sequences, List<string> MissingClips);

    public const string IdList = "re10k_test_1800.txt";

    public static Result Read(string root)
    {
        string listPath = Path.Combine(root, IdList);
        if (!File.Exists(listPath)) throw new FileNotFoundException($"RealEstate10K id list not found: {listPath}", listPath);
        var ids = File.ReadLines(listPath).Select(l => l.Trim()).Where(l => l.Length > 0).Distinct().ToList();
        var sequences = new List<RelPoseSequence>();
        var missing = new List<string>();
        foreach (string id in ids)
        {
            string cameraPath = Path.Combine(root, "test", id + ".txt");
            string frameDir = Path.Combine(root, "test", id);
            if (!File.Exists(cameraPath) || !Directory.Exists(frameDir)) { missing.Add(id); continue; }
            var frames = ReadCameraFile(cameraPath, frameDir);
            if (frames.Count < 2) { missing.Add(id); continue; }
            sequences.Add(new RelPoseSequence($"re10k/{id}", frames));
        }
        return new Result(sequences, missing);
    }

    /// <summary>The frames of one camera file whose image exists under <paramref name="frameDir"/>.</summary>
    public static List<RelPoseFrame> ReadCameraFile(string path, string frameDir)
    {
        var frames = new List<RelPoseFrame>();
        int lineNo = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNo++;
            if (lineNo == 1) continue; // the video URL
            var f = raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0) continue;
            if (f.Length != 19) throw new InvalidDataException($"{path}:{lineNo}: expected 19 fields 'timestamp fx fy cx cy 0 0 r00 … t2', found {f.Length}");
            var v = new double[19];
            for (int i = 1; i < 19; i++)
                if (!double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
                    throw new InvalidDataException($"{path}:{lineNo}: field {i + 1} ('{f[i]}') is not a finite number");
            string image = Path.Combine(frameDir, f[0] + ".png");
            if (!File.Exists(image)) continue;
            var r = new double[3, 3];
            var t = new double[3];
            for (int row = 0; row < 3; row++)
            {
                for (int c = 0; c < 3; c++) r[row, c] = v[7 + 4 * row + c];
                t[row] = v[7 + 4 * row + 3];
            }
            frames.Add(new RelPoseFrame(f[0], image, new Pose(r, t)));
        }
        return frames;
    }
}
