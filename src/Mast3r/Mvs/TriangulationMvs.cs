using System.Globalization;
using Mast3r.Geometry;
using Mast3r.Images;
using Mast3r.Inference;
using Mast3r.Localization;
using Mast3r.Matching;
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
/// filter (thresholds unpublished) is replaced by these two-view checks. Matching is either coarse (at
/// <see cref="Settings.ImageSize"/>, Table 5 "coarse only") or coarse-to-fine at full resolution
/// (<see cref="Settings.CoarseToFine"/>, Table 3: <see cref="CoarseToFineMatcher"/> with network-sized windows of the
/// 1600×1200 images; the paper's DTU code is unpublished, so the fine seeds are our choice: a grid every
/// <see cref="Settings.SeedStride"/> px of the first image's crop, pixel tolerance 5 px as in visloc). Matches per pair are cached.
/// </summary>
internal sealed class TriangulationMvs(IPairPredictor predictor, TriangulationMvs.Settings settings)
{
    internal sealed record Settings(int ImageSize = 512, int SeedStride = 4, double DescConfThreshold = 1.001, double MaxReprojectionPx = 1.0,
        double MinAngleDeg = 1.0, bool CoarseToFine = false, double PixelTolerance = 5, int MaxBatch = 48)
    {
        public string CacheText() => string.Create(CultureInfo.InvariantCulture,
            $"mvs/v2 size={ImageSize} stride={SeedStride} conf={DescConfThreshold}")
            + (CoarseToFine ? string.Create(CultureInfo.InvariantCulture, $" c2f pixel_tol={PixelTolerance} batch={MaxBatch}") : "");

        public string FilterText() => string.Create(CultureInfo.InvariantCulture, $"reproj<={MaxReprojectionPx}px angle>={MinAngleDeg}deg");
    }

    internal sealed record PairMatches(double[] PxA, double[] PxB);

    /// <summary>The fused point cloud (flat x, y, z in the scan's world unit) and per-pair statistics.</summary>
    public (double[] Points, List<MvsPairStats> Pairs) Run(DtuScan scan, ResultCache cache)
    {
        var points = new List<double>();
        var stats = new List<MvsPairStats>();
        // Decoded lazily: a cache hit for every pair needs no image at all (resuming a finished scan).
        var images = scan.Views.Select(v => new Lazy<NetworkImage>(() => NetworkImage.Load(v.ImagePath, settings.ImageSize))).ToList();
        var full = scan.Views.Select(v => new Lazy<RgbImage>(() => RgbImage.Load(v.ImagePath))).ToList();
        for (int i = 0; i < scan.Views.Count; i++)
            for (int j = 0; j < scan.Views.Count; j++)
            {
                if (i == j) continue;
                var (a, b) = (scan.Views[i], scan.Views[j]);
                var m = cache.GetOrCompute($"scan{scan.Number}/{a.Name}~{b.Name}", () => settings.CoarseToFine
                    ? MatchCoarseToFine(full[i].Value, full[j].Value, a.ImagePath, b.ImagePath)
                    : Match(images[i].Value, images[j].Value));
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

    private PairMatches MatchCoarseToFine(RgbImage a, RgbImage b, string pathA, string pathB)
    {
        var options = new CoarseToFineOptions
        {
            LongSide = settings.ImageSize, FineSeedStride = settings.SeedStride, PixelTol = settings.PixelTolerance,
            MinDescConf = settings.DescConfThreshold, MaxBatch = settings.MaxBatch,
        };
        var m = CoarseToFineMatcher.Match(predictor, a, b, options, pathA, pathB);
        var pxA = new double[2 * m.Count];
        var pxB = new double[2 * m.Count];
        for (int k = 0; k < m.Count; k++)
        {
            pxA[2 * k] = m.XA[k]; pxA[2 * k + 1] = m.YA[k];
            pxB[2 * k] = m.XB[k]; pxB[2 * k + 1] = m.YB[k];
        }
        return new PairMatches(pxA, pxB);
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
