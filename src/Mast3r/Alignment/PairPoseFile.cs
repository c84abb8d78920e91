using System.Globalization;
using Mast3r.Geometry;
using Mast3r.Metrics;

namespace Mast3r.Alignment;

/// <summary>
/// The world→camera poses file of the pairwise protocol: per evaluated pair, two <c>sequence frame qw qx qy qz tx ty tz</c>
/// lines (<see cref="PoseTextFile"/>) whose "sequence" is <c>category/sequence/pair-i-j</c> and whose world is the
/// first frame's camera (identity first, relative pose second). A failed pair has no lines. Read back, every pair is a
/// two-frame <see cref="PoseSequence"/>, so <see cref="MultiViewPoseEvaluator"/> scores exactly the 45 pairwise
/// estimates per sequence and pools them per category.
/// </summary>
internal static class PairPoseFile
{
    public static void Write(string path, IEnumerable<PairPoseEstimate> estimates)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var lines = new List<string> { "# sequence frame qw qx qy qz tx ty tz (world→camera, world = first frame of the pair)" };
        foreach (var e in estimates.Where(e => e.Relative is not null))
        {
            string key = PairKey(e.Sequence, e.First.Name, e.Second.Name);
            lines.Add($"{key} {e.First.Name} {Text(Pose.Identity)}");
            lines.Add($"{key} {e.Second.Name} {Text(e.Relative!)}");
        }
        File.WriteAllLines(path, lines);
    }

    /// <summary>Pairs with the ground truth of the dataset and the estimates of the file (missing pairs count as failures).</summary>
    public static List<PoseSequence> Read(string path, IEnumerable<PairPoseEstimate> pairs)
    {
        var byKey = PoseTextFile.ReadSequenceFrames(path).ToDictionary(e => (e.Keys[0], e.Keys[1]), e => e.Pose);
        return pairs.Select(p =>
        {
            string key = PairKey(p.Sequence, p.First.Name, p.Second.Name);
            return new PoseSequence(key, new[]
            {
                (p.First.Name, p.First.Truth, byKey.GetValueOrDefault((key, p.First.Name))),
                (p.Second.Name, p.Second.Truth, byKey.GetValueOrDefault((key, p.Second.Name))),
            });
        }).ToList();
    }

    private static string PairKey(string sequence, string a, string b)
    {
        string key = $"{sequence}/pair-{a}-{b}";
        if (key.Any(char.IsWhiteSpace)) throw new ArgumentException($"sequence or frame name contains whitespace: '{key}'");
        return key;
    }

    private static string Text(Pose p)
    {
        var (w, x, y, z) = p.ToQuaternion();
        var t = p.Translation;
        return string.Join(' ', new[] { w, x, y, z, t[0], t[1], t[2] }.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
    }
}
