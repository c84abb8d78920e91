using System.Globalization;
using Mast3r.Datasets;
using Mast3r.Geometry;
using Mast3r.Inference;
using OpenCvSharp;

namespace Mast3r.Localization;

/// <summary>
/// Which query pixels direct regression uses: a grid every <paramref name="Stride"/> network pixels (offset Stride/2),
/// kept where the 3-D confidence is at least <paramref name="MinConfidence"/>. Suite choices (the paper gives none):
/// stride 4 keeps ≤ 12,288 points at 512×384, plenty for PnP; the released model's 3-D confidence is 1 + exp(x),
/// so 1.5 drops only pixels the network itself rates below x = ln 0.5.
/// </summary>
internal sealed record DirectRegressionSettings(int Stride = 4, double MinConfidence = 1.5)
{
    /// <summary>Canonical text for cache keys and provenance.</summary>
    public string CacheText() => string.Create(CultureInfo.InvariantCulture, $"direct-reg stride={Stride} conf3d={MinConfidence}");
}

/// <summary>
/// "Direct regression" localization (paper Table 2 "PnP on X^{2,1}, no matching", Table 4 "direct reg."; protocols.md
/// §2.6): with the reference as view 1 and the query as view 2, the network's <c>pts3d_in_other_view</c> of view 2 is
/// the 3-D of every query pixel in the reference camera frame (metric for the released model). Moved to the world with
/// the reference's camera→world pose, these are 2-D/3-D correspondences for PnP with the query intrinsics; no reference
/// intrinsics and no matching are needed. Shared by the visloc and map-free pipelines.
/// Inferred (the paper does not spell out visloc direct regression): the pair order, the pixel selection of
/// <see cref="DirectRegressionSettings"/>, and the PnP settings (the visloc RANSAC of <see cref="PnpRansacOptions.Visloc"/>,
/// threshold = ratio × diagonal of the original query image) for both benchmarks. Visloc solves in its
/// <see cref="VislocSettings.PnpMode"/> (<see cref="VislocPipeline"/>); map-free calls <see cref="Solve"/> in cv2 mode
/// with the inlier refinement it has always used (SQPNP-RANSAC + Levenberg–Marquardt on the inliers).
/// </summary>
internal static class DirectRegressionLocalizer
{
    /// <summary>Query pixels (original resolution, OpenCV convention) and their world points, flattened xy / xyz.</summary>
    internal sealed record Correspondences(double[] Pixels, double[] Points)
    {
        [System.Text.Json.Serialization.JsonIgnore]
        public int Count => Pixels.Length / 2;
    }

    /// <summary>A pose (world→query camera) or the reason there is none, with the number of correspondences used.</summary>
    internal sealed record Result(PoseEstimate Estimate, int Correspondences);

    /// <summary>Regresses and solves in one step.</summary>
    public static Result Localize(PairPrediction prediction, Pose referenceCameraToWorld, INetworkView query, CameraIntrinsics queryCamera,
        DirectRegressionSettings settings, double reprojectionDiagRatio = PnpRansacOptions.VislocDiagonalRatio, PnpMode mode = PnpMode.Cv2)
    {
        var c = Regress(prediction, referenceCameraToWorld, query, settings);
        return new Result(Solve(c, queryCamera, reprojectionDiagRatio, mode), c.Count);
    }

    /// <summary>
    /// The correspondences of one (reference, query) prediction: view 2 must be the query at the resolution of
    /// <paramref name="query"/>. Non-finite points and pixels below the confidence threshold are skipped; none left is
    /// an empty result (PnP then reports the failure).
    /// </summary>
    public static Correspondences Regress(PairPrediction prediction, Pose referenceCameraToWorld, INetworkView query, DirectRegressionSettings settings)
    {
        if (settings.Stride < 1) throw new ArgumentException($"direct-regression stride must be ≥ 1, got {settings.Stride}", nameof(settings));
        var v = prediction.View2;
        if (v.Width != query.Image.Width || v.Height != query.Image.Height)
            throw new ArgumentException($"view 2 of the prediction is {v.Width}×{v.Height} but the query '{query.Image.Source}' is "
                                        + $"{query.Image.Width}×{query.Image.Height} at network resolution: is the query view 2?", nameof(prediction));
        var pixels = new List<double>();
        var points = new List<double>();
        var p = new double[3];
        for (int y = settings.Stride / 2; y < v.Height; y += settings.Stride)
            for (int x = settings.Stride / 2; x < v.Width; x += settings.Stride)
            {
                int i = y * v.Width + x;
                if (!(v.Conf[i] >= settings.MinConfidence)) continue;
                p[0] = v.Pts3d[3 * i]; p[1] = v.Pts3d[3 * i + 1]; p[2] = v.Pts3d[3 * i + 2];
                if (!double.IsFinite(p[0]) || !double.IsFinite(p[1]) || !double.IsFinite(p[2])) continue;
                var w = referenceCameraToWorld.Apply(p);
                var (ox, oy) = query.ToOriginal(x, y);
                pixels.Add(ox); pixels.Add(oy);
                points.AddRange(w);
            }
        return new Correspondences(pixels.ToArray(), points.ToArray());
    }

    /// <summary>
    /// PnP-RANSAC on the correspondences with the query intrinsics (visloc settings, see the type remarks); in cv2 mode
    /// the pose is refined on its inliers.
    /// </summary>
    public static PoseEstimate Solve(Correspondences c, CameraIntrinsics queryCamera, double reprojectionDiagRatio = PnpRansacOptions.VislocDiagonalRatio,
        PnpMode mode = PnpMode.Cv2)
    {
        if (c.Count == 0) return PoseEstimate.Failed("direct regression: no query pixel has a confident, finite regressed 3-D point");
        var world = new Point3d[c.Count];
        var pixels = new Point2d[c.Count];
        for (int i = 0; i < c.Count; i++)
        {
            world[i] = new Point3d(c.Points[3 * i], c.Points[3 * i + 1], c.Points[3 * i + 2]);
            pixels[i] = new Point2d(c.Pixels[2 * i], c.Pixels[2 * i + 1]);
        }
        var options = PnpRansacOptions.Visloc(queryCamera.Width, queryCamera.Height, reprojectionDiagRatio, mode) with { Refine = mode == PnpMode.Cv2 };
        return AbsolutePoseEstimator.Estimate(world, pixels, PinholeCamera.From(queryCamera), options);
    }
}
