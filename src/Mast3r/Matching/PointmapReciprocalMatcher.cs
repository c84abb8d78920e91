using Mast3r.Geometry;

namespace Mast3r.Matching;

/// <summary>
/// Reciprocal nearest neighbours between two pointmaps expressed in one camera frame: the "3d" matching of the
/// paper's map-free ablation (Table 1 rows I–II; DUSt3R-style matching, whose <c>find_reciprocal_matches</c> pairs
/// mutual Euclidean nearest neighbours of the two point clouds through k-d trees). Deviation (inferred, the paper gives
/// no details): the seeds are subsampled on the same grid as the feature path (8 px ≈ 3000 seeds at 512×384) and walked
/// to convergence by the <see cref="FastReciprocalMatcher"/> iteration, instead of a dense mutual check over every pixel.
/// Nearest neighbours are exact (<see cref="KdTree3"/> over the valid points, double precision; equal distances resolve
/// to the smallest pixel index), never an all-pairs product.
/// </summary>
internal static class PointmapReciprocalMatcher
{
    /// <summary>Mutual 3-D nearest neighbours from grid seeds of map 1.</summary>
    /// <param name="pts1">[H1·W1·3] points of map 1.</param>
    /// <param name="valid1">Which pixels of map 1 may be matched (seeds and answers).</param>
    /// <param name="h1">H1.</param>
    /// <param name="w1">W1.</param>
    /// <param name="pts2">[H2·W2·3] points of map 2, in the same frame as map 1.</param>
    /// <param name="valid2">Which pixels of map 2 may be matched.</param>
    /// <param name="h2">H2.</param>
    /// <param name="w2">W2.</param>
    /// <param name="subsample">Seed spacing in pixels (8 as the feature path).</param>
    /// <returns>Converged mutual pairs, sorted and unique; the map-1 points are the converged positions.</returns>
    public static Correspondences MatchGrid(float[] pts1, bool[] valid1, int h1, int w1, float[] pts2, bool[] valid2, int h2, int w2, int subsample)
    {
        Check(pts1, valid1, h1, w1, nameof(pts1));
        Check(pts2, valid2, h2, w2, nameof(pts2));
        if (!valid1.Contains(true) || !valid2.Contains(true)) return new Correspondences([], [], [], []);
        var into2 = new TreeSearch(pts1, ValidPointTree.Build(pts2, valid2));
        var into1 = new TreeSearch(pts2, ValidPointTree.Build(pts1, valid1));
        return FastReciprocalMatcher.MatchGrid(h1, w1, h2, w2, into1, into2, subsample, i => valid1[i]);
    }

    private static void Check(float[] pts, bool[] valid, int h, int w, string name)
    {
        if (h < 1 || w < 1) throw new ArgumentException($"{name}: empty {w}x{h} pointmap", name);
        if (pts.Length != 3 * h * w || valid.Length != h * w)
            throw new ArgumentException($"{name}: {pts.Length} coordinates and {valid.Length} validity flags for a {w}x{h} pointmap", name);
        for (int i = 0; i < valid.Length; i++)
            if (valid[i] && !(float.IsFinite(pts[3 * i]) && float.IsFinite(pts[3 * i + 1]) && float.IsFinite(pts[3 * i + 2])))
                throw new ArgumentException($"{name}: pixel {i} is marked valid but its point is not finite", name);
    }

    // The valid pixels' points in increasing pixel order, so the tree's smallest-input-index tie rule is the smallest pixel.
    private sealed record ValidPointTree(KdTree3 Tree, int[] Pixel)
    {
        public static ValidPointTree Build(float[] pts, bool[] valid)
        {
            var pixels = Enumerable.Range(0, valid.Length).Where(i => valid[i]).ToArray();
            var xyz = new double[3 * pixels.Length];
            for (int k = 0; k < pixels.Length; k++)
                for (int c = 0; c < 3; c++) xyz[3 * k + c] = pts[3 * pixels[k] + c];
            return new ValidPointTree(new KdTree3(xyz), pixels);
        }

        public int Nearest(double x, double y, double z) => Pixel[Tree.NearestIndex(x, y, z)];
    }

    // Queries are pixels of the source map; answers are pixels of the tree's map.
    private sealed class TreeSearch(float[] source, ValidPointTree tree) : INearestSearch
    {
        public int[] Nearest(int[] queryRows)
        {
            var result = new int[queryRows.Length];
            Parallel.For(0, queryRows.Length, k =>
            {
                int r = queryRows[k];
                result[k] = tree.Nearest(source[3 * r], source[3 * r + 1], source[3 * r + 2]);
            });
            return result;
        }
    }
}
