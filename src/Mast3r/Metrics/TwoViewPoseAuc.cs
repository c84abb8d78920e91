using Mast3r.Geometry;

namespace Mast3r.Metrics;

/// <summary>
/// Two-view relative-pose AUC of MegaDepth-1500 / ScanNet-1500 (protocols.md §5.2), after LoFTR
/// <c>relative_pose_error</c> and <c>error_auc</c>.
/// </summary>
internal static class TwoViewPoseAuc
{
    public static IReadOnlyList<double> Thresholds { get; } = [5, 10, 20];

    /// <summary>
    /// max(R_err, t_err) in degrees for an estimated relative pose (x₁ = R·x₀ + t) against the truth. t_err is the
    /// angle between the translation directions folded by min(θ, 180° − θ), because an essential matrix fixes t only
    /// up to sign. A null estimate (solver failure) or a non-finite angle (zero translation) is ∞.
    /// </summary>
    public static double PoseErrorDeg(Pose? estimate, Pose truth)
    {
        if (estimate is null) return double.PositiveInfinity;
        double r = Rotation3.RadToDeg(Rotation3.AngleBetween(estimate.Rotation, truth.Rotation));
        double t = DirectionAngleDeg(estimate.Translation, truth.Translation);
        t = Math.Min(t, 180 - t);
        double e = Math.Max(r, t);
        return double.IsFinite(e) ? e : double.PositiveInfinity;
    }

    /// <summary>Angle between two vectors, degrees; NaN when either is zero. atan2 form, exact near 0° and 180°.</summary>
    private static double DirectionAngleDeg(double[] a, double[] b)
    {
        double cx = a[1] * b[2] - a[2] * b[1], cy = a[2] * b[0] - a[0] * b[2], cz = a[0] * b[1] - a[1] * b[0];
        double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        double na = a[0] * a[0] + a[1] * a[1] + a[2] * a[2], nb = b[0] * b[0] + b[1] * b[1] + b[2] * b[2];
        if (!(na > 0) || !(nb > 0)) return double.NaN;
        return Rotation3.RadToDeg(Math.Atan2(Math.Sqrt(cx * cx + cy * cy + cz * cz), dot));
    }

    /// <summary>
    /// AUC@τ as a fraction: sort the errors, prepend (0, 0), recall i/N at the i-th error; keep the points with error
    /// strictly below τ, close the curve at (τ, last recall), integrate with the trapezoid rule and divide by τ.
    /// NaN errors count as failures (∞).
    /// </summary>
    public static double Auc(IReadOnlyList<double> errorsDeg, double thresholdDeg)
    {
        if (errorsDeg.Count == 0) throw new ArgumentException("no pairs to score");
        if (!(thresholdDeg > 0)) throw new ArgumentException($"threshold must be positive, got {thresholdDeg}");
        var sorted = errorsDeg.Select(e => double.IsNaN(e) ? double.PositiveInfinity : e).Order().ToArray();
        int n = sorted.Length;
        double area = 0, prevError = 0, prevRecall = 0;
        for (int i = 0; i < n && sorted[i] < thresholdDeg; i++)
        {
            double recall = (i + 1.0) / n;
            area += (sorted[i] - prevError) * (prevRecall + recall) / 2;
            prevError = sorted[i];
            prevRecall = recall;
        }
        area += (thresholdDeg - prevError) * prevRecall;
        return area / thresholdDeg;
    }

    /// <summary>AUC at 5°, 10° and 20°.</summary>
    public static double[] Aucs(IReadOnlyList<double> errorsDeg) => Thresholds.Select(t => Auc(errorsDeg, t)).ToArray();
}
