using OpenCvSharp;

namespace Mast3r.Geometry;

/// <summary>
/// Relative pose of two calibrated views from pixel correspondences: essential matrix with RANSAC, then the
/// cheirality-checked decomposition (LoFTR <c>estimate_pose</c>; same structure in the map-free baseline).
/// </summary>
internal static class RelativePoseEstimator
{
    /// <summary>recoverPose's depth cut-off; LoFTR passes 1e9 so that far points still vote.</summary>
    private const double DistanceThreshold = 1e9;

    /// <summary>
    /// Estimates x_cam1 = R·x_cam0 + t with ‖t‖ = 1 (the scale is unobservable). Inliers are the correspondences
    /// that pass both the epipolar test and the cheirality test of the chosen decomposition.
    /// </summary>
    public static PoseEstimate Estimate(IReadOnlyList<Point2d> pixels0, IReadOnlyList<Point2d> pixels1,
        PinholeCamera camera0, PinholeCamera camera1, EssentialRansacOptions options)
    {
        PointSetChecks.RequireSameCount(pixels0.Count, pixels1.Count, "pixels0", "pixels1");
        PointSetChecks.RequireFinite(pixels0, "pixels0");
        PointSetChecks.RequireFinite(pixels1, "pixels1");
        if (!(options.ThresholdPx > 0)) throw new ArgumentException($"threshold must be positive, got {options.ThresholdPx}");
        if (pixels0.Count < 5) return PoseEstimate.Failed($"the essential matrix needs at least 5 correspondences, got {pixels0.Count}");
        if (PointSetChecks.MaxDistanceFromCentroid(pixels0) < 1e-9 || PointSetChecks.MaxDistanceFromCentroid(pixels1) < 1e-9)
            return PoseEstimate.Failed("all correspondences coincide in one image: the essential matrix is undetermined");

        var n0 = Normalise(pixels0, camera0);
        var n1 = Normalise(pixels1, camera1);
        // LoFTR divides by mean(K0[0,0], K1[1,1], K0[0,0], K1[1,1]) — fx of the first and fy of the second camera;
        // the map-free baseline by the mean of all four focal lengths.
        double focal = options.ThresholdByAllFocals
            ? (camera0.Fx + camera0.Fy + camera1.Fx + camera1.Fy) / 4
            : (camera0.Fx + camera1.Fy) / 2;
        double threshold = options.ThresholdPx / focal;

        using var p0 = CvInterop.Points(n0);
        using var p1 = CvInterop.Points(n1);
        using var identity = CvInterop.Matrix(Rotation3.Identity());
        using var mask = new Mat();
        using var e = Cv2.FindEssentialMat(p0, p1, identity, options.Method, options.Confidence, threshold, mask);
        int eRows = e.Rows;
        if (e.Empty() || eRows % 3 != 0 || e.Cols != 3) return PoseEstimate.Failed("no essential matrix was found");

        double[,]? bestR = null;
        double[]? bestT = null;
        int[] bestInliers = [];
        for (int c = 0; c < eRows / 3; c++)
        {
            using var block = e.RowRange(3 * c, 3 * c + 3);
            using var candidate = block.Clone();
            if (!CvInterop.AllFinite(CvInterop.ToArray(candidate))) continue;
            using var r = new Mat();
            using var t = new Mat();
            using var candidateMask = mask.Clone();
            using var triangulated = new Mat();
            int count = Cv2.RecoverPose(candidate, p0, p1, identity, r, t, DistanceThreshold, candidateMask, triangulated);
            // Strict '>': the first candidate wins ties, as in LoFTR.
            if (count > bestInliers.Length)
            {
                bestR = CvInterop.ToArray(r);
                bestT = CvInterop.ToVector(t);
                bestInliers = MaskIndices(candidateMask);
            }
        }
        if (bestR is null || bestT is null || bestInliers.Length == 0)
            return PoseEstimate.Failed("no decomposition of the essential matrix puts any point in front of both cameras");
        if (!CvInterop.AllFinite(bestR) || !CvInterop.AllFinite(bestT))
            return PoseEstimate.Failed("pose recovery produced a non-finite pose (degenerate configuration)");
        return PoseEstimate.Ok(new Pose(bestR, bestT), bestInliers);
    }

    /// <summary>Pixels → normalised image coordinates (x − c)/f, undistorting when the camera has distortion.</summary>
    internal static Point2d[] Normalise(IReadOnlyList<Point2d> pixels, PinholeCamera camera)
    {
        if (!camera.HasDistortion)
            return pixels.Select(p => new Point2d((p.X - camera.Cx) / camera.Fx, (p.Y - camera.Cy) / camera.Fy)).ToArray();
        using var src = CvInterop.Points(pixels);
        using var dst = new Mat();
        using var k = CvInterop.Matrix(camera.Matrix());
        using var d = CvInterop.DistortionCoefficients(camera);
        Cv2.UndistortPoints(src, dst, k, d);
        var flat = CvInterop.ToVector(dst);
        return Enumerable.Range(0, pixels.Count).Select(i => new Point2d(flat[2 * i], flat[2 * i + 1])).ToArray();
    }

    private static int[] MaskIndices(Mat mask)
    {
        var v = CvInterop.ToVector(mask);
        return Enumerable.Range(0, v.Length).Where(i => v[i] != 0).ToArray();
    }
}
