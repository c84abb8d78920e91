using OpenCvSharp;

namespace Mast3r.Geometry;

/// <summary>
/// Camera pose from 2-D/3-D correspondences (PnP) with RANSAC — the localisation step of naver/mast3r
/// visloc.py (<c>run_pnp</c>).
/// </summary>
/// <remarks>
/// Deliberate deviation: no .NET poselib exists, so the RANSAC loop is OpenCV's <c>solvePnPRansac</c> (SQPNP, the
/// solver of dust3r's cv2 mode) with poselib's threshold, iteration cap and confidence; the refinement is a
/// Levenberg–Marquardt least-squares fit on the RANSAC inliers (OpenCV SOLVEPNP_ITERATIVE with the RANSAC pose as
/// guess) where poselib uses a truncated robust loss, which is the same cost on points inside the threshold.
/// Distortion is handled in the projection model, so the threshold applies in distorted pixels as in poselib.
/// Not reproducible through OpenCV: poselib's P3P (Lambda Twist) minimal solver, local optimisation inside the loop,
/// <c>min_iterations = 1000</c>, <c>dyn_num_trials_mult = 3</c> and <c>seed = 0</c>; OpenCV stops once the confidence
/// is reached and uses its own fixed RNG state, so results are deterministic but not bit-identical to poselib's.
/// </remarks>
internal static class AbsolutePoseEstimator
{
    /// <summary>
    /// Estimates the world→camera pose. Pixels and intrinsics must share one pixel convention (OpenCV here;
    /// convert COLMAP data with <see cref="PinholeCamera.FromColmap"/> and <see cref="PixelConvention"/>).
    /// </summary>
    public static PoseEstimate Estimate(IReadOnlyList<Point3d> world, IReadOnlyList<Point2d> pixels, PinholeCamera camera, PnpRansacOptions options)
    {
        PointSetChecks.RequireSameCount(world.Count, pixels.Count, "world points", "pixels");
        PointSetChecks.RequireFinite(world, "world points");
        PointSetChecks.RequireFinite(pixels, "pixels");
        if (!(options.ReprojectionThresholdPx > 0)) throw new ArgumentException($"reprojection threshold must be positive, got {options.ReprojectionThresholdPx}");
        if (world.Count < options.MinCorrespondences)
            return PoseEstimate.Failed($"PnP needs at least {options.MinCorrespondences} correspondences, got {world.Count}");
        var spread = PointSetChecks.SpreadSpectrum(world);
        if (spread[0] == 0) return PoseEstimate.Failed("all 3-D points coincide: the pose is undetermined");
        if (spread[1] < 1e-6) return PoseEstimate.Failed("the 3-D points are collinear: the rotation about their line is undetermined");

        // OpenCV's RANSAC works in float32; centring the cloud keeps large world coordinates (Aachen spans
        // kilometres) from losing millimetres. x_cam = R(X − m) + t' ⇒ t = t' − R·m.
        var m = PointSetChecks.Centroid(world);
        var centred = world.Select(p => new Point3d(p.X - m.X, p.Y - m.Y, p.Z - m.Z)).ToArray();

        using var obj = CvInterop.Points(centred);
        using var img = CvInterop.Points(pixels);
        using var k = CvInterop.Matrix(camera.Matrix());
        using var dist = CvInterop.DistortionCoefficients(camera);
        using var rvec = new Mat();
        using var tvec = new Mat();
        using var inlierMat = new Mat();
        Cv2.SolvePnPRansac(obj, img, k, dist, rvec, tvec, false, options.MaxIterations,
            (float)options.ReprojectionThresholdPx, options.Confidence, inlierMat, options.Method);
        if (rvec.Empty() || tvec.Empty()) return PoseEstimate.Failed("PnP RANSAC found no pose consistent with the correspondences");
        var inliers = inlierMat.Empty() ? [] : CvInterop.ToVector(inlierMat).Select(v => (int)v).ToArray();
        if (inliers.Length < 4) return PoseEstimate.Failed($"PnP RANSAC found only {inliers.Length} inliers");

        if (options.Refine && inliers.Length >= 6)
        {
            using var objIn = CvInterop.Points(inliers.Select(i => centred[i]).ToArray());
            using var imgIn = CvInterop.Points(inliers.Select(i => pixels[i]).ToArray());
            Cv2.SolvePnP(objIn, imgIn, k, dist, rvec, tvec, true, SolvePnPMethod.Iterative);
        }

        var r = Rotation3.FromRotationVector(CvInterop.ToVector(rvec));
        var tc = CvInterop.ToVector(tvec);
        if (!CvInterop.AllFinite(r) || !CvInterop.AllFinite(tc)) return PoseEstimate.Failed("PnP produced a non-finite pose (degenerate configuration)");
        var rm = Rotation3.Apply(r, [m.X, m.Y, m.Z]);
        var pose = new Pose(r, [tc[0] - rm[0], tc[1] - rm[1], tc[2] - rm[2]]);

        // Report the inliers of the returned (refined) pose, as poselib does.
        var final = InliersOf(pose, world, pixels, camera, options.ReprojectionThresholdPx);
        return PoseEstimate.Ok(pose, final);
    }

    /// <summary>Correspondences in front of the camera whose reprojection error is below the threshold.</summary>
    public static int[] InliersOf(Pose pose, IReadOnlyList<Point3d> world, IReadOnlyList<Point2d> pixels, PinholeCamera camera, double thresholdPx)
    {
        var result = new List<int>();
        for (int i = 0; i < world.Count; i++)
        {
            var x = pose.Apply([world[i].X, world[i].Y, world[i].Z]);
            if (!(x[2] > 0)) continue;
            var p = camera.Project(x);
            double dx = p.X - pixels[i].X, dy = p.Y - pixels[i].Y;
            if (dx * dx + dy * dy < thresholdPx * thresholdPx) result.Add(i);
        }
        return [.. result];
    }
}
