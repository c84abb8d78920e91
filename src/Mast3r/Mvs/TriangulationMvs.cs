using System.Globalization;
using Mast3r.Geometry;
using Mast3r.Inference;
using Mast3r.Localization;
using Mast3r.Reproduction;
using OpenCvSharp;

namespace Mast3r.Mvs;

/// <summary>Per-pair counts of a reconstruction (for the per-pair table).</summary>
internal sealed record MvsPairStats(string First, string Second, int Matches, int Kept);

/// <summary>
/// DTU zero-shot MVS as paper §4.5 describes it (protocols.md §4.4), in its simple honest form: one-versus-all pairs
/// (every view with every other), predictor on the pair → reciprocal matching on a pixel grid (no camera knowledge) →
/// every match triangulated with the GT cameras (<see cref="Triangulation"/>, DLT) → kept when in front of both cameras,
/// reprojected within <see cref="Settings.MaxReprojectionPx"/> in both images and seen under at least
/// <see cref="Settings.MinAngleDeg"/>. Deviations: the paper's PatchmatchNet-style multi-view geometric-consistency
/// filter (thresholds unpublished) is replaced by these two-view checks, and coarse-to-fine full-resolution matching is
/// not implemented (coarse only, at <see cref="Settings.ImageSize"/>). Matches per pair are cached.
/// </summary>
internal sealed class TriangulationMvs(IPairPredictor predictor, TriangulationMvs.Settings settings)
{
    internal sealed record Settings(int ImageSize = 512, int SeedStride = 4, double DescConfThreshold = 1.001, double MaxReprojectionPx = 1.0,
        double MinAngleDeg = 1.0)
    {
        public string CacheText() => string.Create(CultureInfo.InvariantCulture,
            $"mvs/v1 size={ImageSize} stride={SeedStride} conf={DescConfThreshold}");

        public string FilterText() => string.Create(CultureInfo.InvariantCulture, $"reproj<={MaxReprojectionPx}px angle>={MinAngleDeg}deg");
    }

    internal sealed record PairMatches(double[] PxA, double[] PxB);

    /// <summary>The fused point cloud (flat x, y, z in the scan's world unit) and per-pair statistics.</summary>
    public (double[] Points, List<MvsPairStats> Pairs) Run(DtuScan scan, ResultCache cache)
    {
        var points = new List<double>();
        var stats = new List<MvsPairStats>();
        var images = scan.Views.Select(v => NetworkImage.Load(v.ImagePath, settings.ImageSize)).ToList();
        for (int i = 0; i < scan.Views.Count; i++)
            for (int j = 0; j < scan.Views.Count; j++)
            {
                if (i == j) continue;
                var (a, b) = (scan.Views[i], scan.Views[j]);
                var m = cache.GetOrCompute($"scan{scan.Number}/{a.Name}~{b.Name}", () => Match(images[i], images[j]));
                int before = points.Count;
                Triangulate(a, b, m, points);
                stats.Add(new MvsPairStats(a.Name, b.Name, m.PxA.Length / 2, (points.Count - before) / 3));
            }
        return (points.ToArray(), stats);
    }

    private PairMatches Match(NetworkImage a, NetworkImage b)
    {
        var pred = predictor.Predict(new[] { (a.Image, b.Image) })[0];
        int wa = pred.View1.Width, wb = pred.View2.Width;
        var pxA = new List<double>();
        var pxB = new List<double>();
        foreach (var (ia, ib) in ReciprocalMatcher.MatchGrid(pred.View1, pred.View2, settings.SeedStride, settings.DescConfThreshold))
        {
            var (xa, ya) = a.ToOriginal(ia % wa, ia / wa);
            var (xb, yb) = b.ToOriginal(ib % wb, ib / wb);
            pxA.Add(xa); pxA.Add(ya); pxB.Add(xb); pxB.Add(yb);
        }
        return new PairMatches(pxA.ToArray(), pxB.ToArray());
    }

    private void Triangulate(DtuView a, DtuView b, PairMatches m, List<double> output)
    {
        var poses = new[] { a.WorldToCamera, b.WorldToCamera };
        var cameras = new[] { a.Camera, b.Camera };
        var ca = a.WorldToCamera.CameraCenter();
        var cb = b.WorldToCamera.CameraCenter();
        double minCos = Math.Cos(settings.MinAngleDeg * Math.PI / 180);
        for (int k = 0; k < m.PxA.Length / 2; k++)
        {
            TriangulatedPoint t;
            try
            {
                t = Triangulation.Triangulate(poses, cameras, new[] { new Point2d(m.PxA[2 * k], m.PxA[2 * k + 1]), new Point2d(m.PxB[2 * k], m.PxB[2 * k + 1]) });
            }
            catch (ArgumentException) { continue; } // parallel rays or a point at infinity: no depth
            if (!t.InFrontOfAllCameras || t.ReprojectionErrorsPx.Max() > settings.MaxReprojectionPx) continue;
            var p = new[] { t.Point.X, t.Point.Y, t.Point.Z };
            if (Cos(Sub(p, ca), Sub(p, cb)) > minCos) continue;
            output.Add(p[0]); output.Add(p[1]); output.Add(p[2]);
        }
    }

    private static double[] Sub(double[] x, double[] y) => new[] { x[0] - y[0], x[1] - y[1], x[2] - y[2] };

    private static double Cos(double[] x, double[] y) =>
        (x[0] * y[0] + x[1] * y[1] + x[2] * y[2]) / Math.Sqrt((x[0] * x[0] + x[1] * x[1] + x[2] * x[2]) * (y[0] * y[0] + y[1] * y[1] + y[2] * y[2]));
}
