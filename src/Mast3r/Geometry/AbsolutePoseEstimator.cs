using OpenCvSharp;

namespace Mast3r.Geometry;

/// <summary>
/// Camera pose from 2-D/3-D correspondences (PnP) with RANSAC — the localisation step of naver/mast3r
/// visloc.py / dust3r_visloc localization.py (<c>run_pnp</c>), in the official mode <see cref="PnpRansacOptions.Mode"/>.
/// </summary>
/// <remarks>
/// <see cref="PnpMode.Cv2"/> mirrors run_pnp's cv2 branch: undistort the pixels with <c>cv2.undistortPoints(P = K)</c>
/// (only for a distorted camera), then <c>cv2.solvePnPRansac</c> with no distortion, so the threshold applies in
/// undistorted pixels. Deliberate deviation: OpenCV's RANSAC converts the points to float32, so the 3-D points are
/// centred first (x_cam = R(X − m) + t′ ⇒ t = t′ − R·m): Aachen coordinates span kilometres and would otherwise lose
/// millimetres; the solution is the same up to float rounding. <see cref="PnpMode.Poselib"/> is
/// <see cref="PoselibAbsolutePose"/> on the same centred points (double precision throughout; centring only
/// changes rounding).
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

        var m = PointSetChecks.Centroid(world);
        var centred = world.Select(p => new Point3d(p.X - m.X, p.Y - m.Y, p.Z - m.Z)).ToArray();
        var local = options.Mode switch
        {
            PnpMode.Cv2 => EstimateCv2(centred, pixels, camera, options),
            PnpMode.Poselib => PoselibAbsolutePose.Estimate(centred, pixels, camera, options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Mode, "unknown PnP mode"),
        };
        if (local.Pose is null) return local;

        var r = local.Pose.Rotation;
        var tc = local.Pose.Translation;
        if (!CvInterop.AllFinite(r) || !CvInterop.AllFinite(tc)) return PoseEstimate.Failed("PnP produced a non-finite pose (degenerate configuration)");
        var rm = Rotation3.Apply(r, [m.X, m.Y, m.Z]);
        return PoseEstimate.Ok(new Pose(r, [tc[0] - rm[0], tc[1] - rm[1], tc[2] - rm[2]]), local.Inliers);
    }

    /// <summary>dust3r_visloc run_pnp, cv2 branch (plus the map-free baseline's optional refinement).</summary>
    private static PoseEstimate EstimateCv2(Point3d[] centred, IReadOnlyList<Point2d> pixels, PinholeCamera camera, PnpRansacOptions options)
    {
        using var k = CvInterop.Matrix(camera.Matrix());
        using var noDistortion = new Mat();
        var undistorted = camera.HasDistortion ? Undistort(pixels, camera, k) : pixels.ToArray();
        var pinhole = new PinholeCamera(camera.Fx, camera.Fy, camera.Cx, camera.Cy);

        using var obj = CvInterop.Points(centred);
        using var img = CvInterop.Points(undistorted);
        using var rvec = new Mat();
        using var tvec = new Mat();
        using var inlierMat = new Mat();
        Cv2.SolvePnPRansac(obj, img, k, noDistortion, rvec, tvec, false, options.MaxIterations,
            (float)options.ReprojectionThresholdPx, options.Confidence, inlierMat, options.Method);
        // OpenCV empties rvec/tvec when it returns false (OpenCvSharp drops the flag).
        if (rvec.Empty() || tvec.Empty()) return PoseEstimate.Failed("PnP RANSAC found no pose consistent with the correspondences");
        var inliers = inlierMat.Empty() ? [] : CvInterop.ToVector(inlierMat).Select(v => (int)v).ToArray();
        if (inliers.Length < 4) return PoseEstimate.Failed($"PnP RANSAC found only {inliers.Length} inliers");

        if (options.Refine && inliers.Length >= 6)
        {
            using var objIn = CvInterop.Points(inliers.Select(i => centred[i]).ToArray());
            using var imgIn = CvInterop.Points(inliers.Select(i => undistorted[i]).ToArray());
            Cv2.SolvePnP(objIn, imgIn, k, noDistortion, rvec, tvec, true, SolvePnPMethod.Iterative);
        }

        var pose = new Pose(Rotation3.FromRotationVector(CvInterop.ToVector(rvec)), CvInterop.ToVector(tvec));
        // The inliers of the returned pose, under the threshold in the space where RANSAC applied it.
        return PoseEstimate.Ok(pose, InliersOf(pose, centred, undistorted, pinhole, options.ReprojectionThresholdPx));
    }

    /// <summary><c>cv2.undistortPoints(pts, K, dist, P = K)</c>: distorted pixels → ideal pinhole pixels.</summary>
    private static Point2d[] Undistort(IReadOnlyList<Point2d> pixels, PinholeCamera camera, Mat k)
    {
        using var src = CvInterop.Points(pixels);
        using var dist = CvInterop.DistortionCoefficients(camera);
        using var dst = new Mat();
        Cv2.UndistortPoints(src, dst, k, dist, null, k);
        var flat = CvInterop.ToVector(dst);
        var result = new Point2d[pixels.Count];
        for (int i = 0; i < result.Length; i++) result[i] = new Point2d(flat[2 * i], flat[2 * i + 1]);
        return result;
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
