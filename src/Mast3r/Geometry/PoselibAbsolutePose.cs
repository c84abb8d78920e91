using OpenCvSharp;

namespace Mast3r.Geometry;

/// <summary>
/// <c>poselib.estimate_absolute_pose</c> as dust3r_visloc run_pnp calls it (mode poselib): OPENCV camera and pixels
/// in the COLMAP convention (+0.5), RANSAC on undistorted normalised points, then a robust bundle adjustment of the
/// pose on the RANSAC inliers in distorted pixels.
/// </summary>
/// <remarks>
/// Port of PoseLib v2.0.4 (BSD-3-Clause, © 2021 Viktor Larsson) <c>robust.cc</c> (<c>estimate_absolute_pose</c>) and
/// of its Python binding's defaults (<c>pyposelib.cc</c>: the bundle loss scale is ½·max_reproj_error unless given;
/// dust3r passes <c>bundle_opt = {}</c>, so the final refinement is Cauchy with scale ½·threshold, 100 iterations).
/// Deviation: with ≤ 3 RANSAC inliers PoseLib still returns its (identity or unrefined) model, which dust3r accepts
/// as a pose; here it is a failure, so such a query counts as lost (∞) instead of an arbitrary wrong pose.
/// </remarks>
internal static class PoselibAbsolutePose
{
    private const int FinalRefinementIterations = 100;

    public static PoseEstimate Estimate(IReadOnlyList<Point3d> world, IReadOnlyList<Point2d> pixels, PinholeCamera camera, PnpRansacOptions options) =>
        Estimate(world, pixels, camera, options, out _);

    /// <summary>As <see cref="Estimate(IReadOnlyList{Point3d}, IReadOnlyList{Point2d}, PinholeCamera, PnpRansacOptions)"/>, with PoseLib's RansacStats.iterations.</summary>
    public static PoseEstimate Estimate(IReadOnlyList<Point3d> world, IReadOnlyList<Point2d> pixels, PinholeCamera camera, PnpRansacOptions options, out int ransacIterations)
    {
        var model = ToColmapOpenCvModel(camera);
        var points = world.Select(p => new Vec3(p.X, p.Y, p.Z)).ToArray();
        var colmapPixels = pixels.Select(p => (U: p.X + 0.5, V: p.Y + 0.5)).ToArray();
        var normalised = colmapPixels.Select(p => model.Unproject(p.U, p.V)).ToArray();

        double focal = model.Focal;
        var ransac = new PoselibRansac(normalised, points, options.ReprojectionThresholdPx / focal, options.Seed);
        var (pose, mask, count) = ransac.Run(options.MinIterations, options.MaxIterations, options.Confidence, options.DynamicTrialsMultiplier);
        ransacIterations = ransac.Iterations;
        if (count <= 3) return PoseEstimate.Failed($"poselib RANSAC found only {count} inliers after {ransac.Iterations} iterations");

        // PoseLib rescales pixels and camera by 1/focal "to improve numerics in the optimisation".
        double scale = 1.0 / focal;
        var inliers = Enumerable.Range(0, mask.Length).Where(i => mask[i]).ToArray();
        var image = inliers.Select(i => (colmapPixels[i].U * scale, colmapPixels[i].V * scale)).ToArray();
        var inlierPoints = inliers.Select(i => points[i]).ToArray();
        pose = PoseBundleAdjuster.Refine(pose, image, inlierPoints, model.Rescaled(scale), RobustLoss.Cauchy,
            0.5 * options.ReprojectionThresholdPx * scale, FinalRefinementIterations);
        return PoseEstimate.Ok(pose.ToPose(), inliers);
    }

    /// <summary>The camera dust3r hands to poselib: OPENCV [fx, fy, cx + 0.5, cy + 0.5, k1, k2, p1, p2].</summary>
    private static OpenCvCameraModel ToColmapOpenCvModel(PinholeCamera camera)
    {
        var d = camera.Distortion;
        if (d.Count > 4 && d[4] != 0) throw new ArgumentException($"poselib's OPENCV model has no k3, got distortion [{string.Join(", ", d)}]");
        double k1 = d.Count > 0 ? d[0] : 0, k2 = d.Count > 1 ? d[1] : 0, p1 = d.Count > 2 ? d[2] : 0, p2 = d.Count > 3 ? d[3] : 0;
        var (cx, cy) = camera.ColmapPrincipalPoint;
        return new OpenCvCameraModel(camera.Fx, camera.Fy, cx, cy, k1, k2, p1, p2);
    }
}
