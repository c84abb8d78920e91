using Mast3r.Geometry;

namespace Mast3r.Alignment;

/// <summary>One frame of a pose sequence: image path, exact/annotated world→camera pose (OpenCV convention).</summary>
internal sealed record RelPoseFrame(string Name, string ImagePath, Pose Truth);

/// <summary>
/// One CO3Dv2 / RealEstate10K sequence as the relative-pose evaluation sees it. <see cref="Name"/> is
/// <c>category/sequence</c> (RealEstate10K: <c>re10k/&lt;clip&gt;</c>, one pool), so that
/// <see cref="Metrics.PoseSequence.Category"/> groups the pairs as protocols.md §3.3 requires.
/// </summary>
internal sealed record RelPoseSequence(string Name, IReadOnlyList<RelPoseFrame> Frames)
{
    /// <summary>
    /// <paramref name="count"/> frames drawn uniformly without replacement (seeded), kept in sequence order; all frames
    /// when the sequence is not longer. Deviation: PoseDiffusion draws with numpy's global seed 0, a C# RNG draws other
    /// frames (protocols.md §3.2), hence the statistical tolerance in relpose.yaml.
    /// </summary>
    public RelPoseSequence Sample(int count, int seed)
    {
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), "at least 2 frames per sequence");
        if (Frames.Count <= count) return this;
        var rng = new Random(unchecked(seed * 31 + StableHash(Name)));
        var chosen = Enumerable.Range(0, Frames.Count).OrderBy(_ => rng.Next()).Take(count).Order().ToList();
        return this with { Frames = chosen.Select(i => Frames[i]).ToList() };
    }

    // string.GetHashCode is randomised per process; the sample must be reproducible across runs.
    private static int StableHash(string s)
    {
        unchecked
        {
            int h = 17;
            foreach (char c in s) h = h * 31 + c;
            return h;
        }
    }
}
