using Mast3r.Inference;
using Mast3r.Matching;

namespace Mast3r.Localization;

/// <summary>
/// The "3d" matching step of the map-free pipeline on a <see cref="PairPrediction"/>: reciprocal nearest neighbours in
/// 3-D between view 1's <c>pts3d</c> and view 2's <c>pts3d_in_other_view</c> (both in view 1's frame), seeded on the
/// grid of the feature path (<see cref="PointmapReciprocalMatcher"/>). A pixel takes part when its 3-D confidence is at
/// least <c>minConf</c> (inferred: the paper states no threshold; the pipeline uses the feature path's 1.001 floor).
/// </summary>
internal static class PointmapMatching
{
    /// <summary>(pixel index in view 1, pixel index in view 2) pairs.</summary>
    public static List<(int A, int B)> MatchGrid(ViewPrediction a, ViewPrediction b, int subsample, double minConf)
    {
        var c = PointmapReciprocalMatcher.MatchGrid(a.Pts3d, Valid(a, minConf), a.Height, a.Width, b.Pts3d, Valid(b, minConf), b.Height, b.Width, subsample);
        var result = new List<(int, int)>(c.Count);
        for (int i = 0; i < c.Count; i++) result.Add((c.Y1[i] * a.Width + c.X1[i], c.Y2[i] * b.Width + c.X2[i]));
        return result;
    }

    private static bool[] Valid(ViewPrediction v, double minConf)
    {
        var valid = new bool[v.Height * v.Width];
        for (int i = 0; i < valid.Length; i++)
            valid[i] = v.Conf[i] >= minConf && float.IsFinite(v.Pts3d[3 * i]) && float.IsFinite(v.Pts3d[3 * i + 1]) && float.IsFinite(v.Pts3d[3 * i + 2]);
        return valid;
    }
}
