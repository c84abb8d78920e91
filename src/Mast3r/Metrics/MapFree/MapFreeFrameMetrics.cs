namespace Mast3r.Metrics.MapFree;

/// <summary>
/// Per-frame errors of the map-free benchmark (mirrors nianticlabs/map-free-reloc benchmark/metrics.py
/// MetricManager, utils.py quat_angle_error, reprojection.py reprojection_error). All poses are camera→world
/// (quaternion, camera centre) as produced by <see cref="MapFreeQuaternion.WorldToCameraToCameraToWorld"/>.
/// </summary>
internal static class MapFreeFrameMetrics
{
    /// <summary>360/π, the constant of the official sine form.</summary>
    private const double TwiceDegreesPerRadian = 114.59155902616465;

    /// <summary>The 196 virtual points (x, y, z) in the ground-truth camera frame (get_grid_multipleheight).</summary>
    internal static readonly double[][] VirtualPoints = BuildVirtualPoints();

    private static double[][] BuildVirtualPoints()
    {
        const double step = 0.3;
        var points = new List<double[]>(196);
        for (int iy = 0; iy < 4; iy++)
            for (int ix = 0; ix < 7; ix++)
                for (int iz = 0; iz < 7; iz++)
                    points.Add([(ix - 3.0) * step, (iy - 1.5) * step + 0.0, iz * step + 1.8]);
        return points.ToArray();
    }

    /// <summary>Distance between the camera centres, metres.</summary>
    public static double TranslationError(double[] tEst, double[] tGt)
    {
        double dx = tEst[0] - tGt[0], dy = tEst[1] - tGt[1], dz = tEst[2] - tGt[2];
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }

    /// <summary>
    /// Geodesic angle in degrees by the sine form 2·asin(‖vec(q̂_gt ⊗ q̂_est⁻¹)‖), precise for tiny angles and
    /// saturating at 180° (NaN only if rounding pushes the sine above 1, as in the reference).
    /// </summary>
    public static double RotationError(double[] qEst, double[] qGt)
    {
        var a = MapFreeQuaternion.Normalize(qGt);
        var b = MapFreeQuaternion.Normalize(qEst);
        var s = MapFreeQuaternion.Multiply(a, MapFreeQuaternion.Inverse(b));
        return Math.Asin(Math.Sqrt(s[1] * s[1] + s[2] * s[2] + s[3] * s[3])) * TwiceDegreesPerRadian;
    }

    /// <summary>
    /// Virtual correspondence reprojection error: mean pixel distance between the virtual points projected by
    /// the ground-truth and by the estimated camera, both projections clipped to [0, W] × [0, H].
    /// </summary>
    public static double Vcre(double[] qEst, double[] tEst, double[] qGt, double[] tGt, MapFreeIntrinsics k, double width, double height)
    {
        var rGt = MapFreeQuaternion.ToMatrix(qGt);
        var rEst = MapFreeQuaternion.ToMatrix(qEst);
        double sum = 0;
        var world = new double[3];
        var residual = new double[3];
        foreach (var p in VirtualPoints)
        {
            // GT camera → world, then world → estimated camera: inv(T_est_c2w) · T_gt_c2w · p.
            for (int i = 0; i < 3; i++)
                world[i] = rGt[i, 0] * p[0] + rGt[i, 1] * p[1] + rGt[i, 2] * p[2] + tGt[i] - tEst[i];
            for (int i = 0; i < 3; i++)
                residual[i] = rEst[0, i] * world[0] + rEst[1, i] * world[1] + rEst[2, i] * world[2];
            var (ug, vg) = Project(p, k, width, height);
            var (ue, ve) = Project(residual, k, width, height);
            double du = ug - ue, dv = vg - ve;
            sum += Math.Sqrt(du * du + dv * dv);
        }
        return sum / VirtualPoints.Length;
    }

    /// <summary>Pinhole projection (K·p)/z, clipped to the image; NaN survives the clip as in numpy.</summary>
    private static (double U, double V) Project(double[] p, MapFreeIntrinsics k, double width, double height)
    {
        double z = p[2];
        double u = (k.Fx * p[0] + k.Cx * z) / z;
        double v = (k.Fy * p[1] + k.Cy * z) / z;
        return (Math.Clamp(u, 0, width), Math.Clamp(v, 0, height));
    }
}
