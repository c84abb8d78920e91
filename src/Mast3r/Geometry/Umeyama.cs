using OpenCvSharp;

namespace Mast3r.Geometry;

/// <summary>
/// Least-squares similarity (or rigid) alignment of two point sets, optionally weighted — Umeyama (1991); the
/// role of roma <c>rigid_points_registration(compute_scaling=True, weights=conf)</c> in dust3r's global-alignment
/// initialisation and of the map-free Procrustes solver.
/// </summary>
internal static class Umeyama
{
    /// <summary>
    /// Finds s, R, t minimising Σ wᵢ‖dstᵢ − (s·R·srcᵢ + t)‖². Throws <see cref="ArgumentException"/> when the problem
    /// has no unique answer (fewer than 3 points, coincident or collinear source points, no positive weight).
    /// </summary>
    public static SimilarityTransform Estimate(IReadOnlyList<Point3d> source, IReadOnlyList<Point3d> target,
        IReadOnlyList<double>? weights = null, bool withScale = true)
    {
        PointSetChecks.RequireSameCount(source.Count, target.Count, "source", "target");
        PointSetChecks.RequireFinite(source, "source");
        PointSetChecks.RequireFinite(target, "target");
        int n = source.Count;
        if (n < 3) throw new ArgumentException($"similarity alignment needs at least 3 points, got {n}");
        var w = weights?.ToArray() ?? Enumerable.Repeat(1.0, n).ToArray();
        if (w.Length != n) throw new ArgumentException($"weights has {w.Length} entries but source has {n}");
        for (int i = 0; i < n; i++)
            if (!(w[i] >= 0) || !double.IsFinite(w[i])) throw new ArgumentException($"weights[{i}] = {w[i]} is not a finite non-negative number");
        double wSum = w.Sum();
        if (!(wSum > 0)) throw new ArgumentException("all weights are zero");

        var ms = WeightedMean(source, w, wSum);
        var mt = WeightedMean(target, w, wSum);
        var cov = new double[3, 3];
        double sourceVariance = 0;
        for (int i = 0; i < n; i++)
        {
            double[] a = [source[i].X - ms[0], source[i].Y - ms[1], source[i].Z - ms[2]];
            double[] b = [target[i].X - mt[0], target[i].Y - mt[1], target[i].Z - mt[2]];
            for (int r = 0; r < 3; r++)
            {
                sourceVariance += w[i] * a[r] * a[r];
                for (int c = 0; c < 3; c++) cov[r, c] += w[i] * b[r] * a[c];
            }
        }
        var spread = PointSetChecks.SpreadSpectrum(source.Where((_, i) => w[i] > 0).ToArray());
        if (spread[0] == 0) throw new ArgumentException("the weighted source points coincide: rotation and scale are undetermined");
        if (spread[1] < 1e-6) throw new ArgumentException("the weighted source points are collinear: the rotation about their line is undetermined");

        using var covMat = CvInterop.Matrix(cov);
        using var sv = new Mat();
        using var uMat = new Mat();
        using var vtMat = new Mat();
        Cv2.SVDecomp(covMat, sv, uMat, vtMat, SVD.Flags.FullUV);
        var d = CvInterop.ToVector(sv);
        var u = CvInterop.ToArray(uMat);
        var vt = CvInterop.ToArray(vtMat);
        // A reflection (det(U·Vᵀ) = −1) is replaced by the nearest rotation: flip the weakest axis.
        double sign = Rotation3.Determinant(u) * Rotation3.Determinant(vt) < 0 ? -1 : 1;
        var sDiag = new[] { 1.0, 1.0, sign };
        var rot = new double[3, 3];
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                for (int k = 0; k < 3; k++)
                    rot[r, c] += u[r, k] * sDiag[k] * vt[k, c];

        double scale = withScale ? (d[0] * sDiag[0] + d[1] * sDiag[1] + d[2] * sDiag[2]) / sourceVariance : 1.0;
        var rms = Rotation3.Apply(rot, ms);
        double[] t = [mt[0] - scale * rms[0], mt[1] - scale * rms[1], mt[2] - scale * rms[2]];
        return new SimilarityTransform(scale, rot, t);
    }

    private static double[] WeightedMean(IReadOnlyList<Point3d> p, double[] w, double wSum)
    {
        double x = 0, y = 0, z = 0;
        for (int i = 0; i < p.Count; i++) { x += w[i] * p[i].X; y += w[i] * p[i].Y; z += w[i] * p[i].Z; }
        return [x / wSum, y / wSum, z / wSum];
    }
}
