using Mast3r.Geometry;

namespace Mast3r.Metrics;

/// <summary>
/// Pairwise pose accuracy of CO3Dv2 / RealEstate10K (protocols.md §3.3), after PoseDiffusion
/// <c>util/metric.py</c> (<c>compare_translation_by_angle</c>, <c>calculate_auc_np</c>) and <c>test.py</c>.
/// </summary>
internal static class MultiViewPoseAccuracy
{
    public const double Threshold = 15;
    public const int AucMaxThreshold = 30;

    /// <summary>
    /// PoseDiffusion's <c>default_err</c> (radians) for a non-finite translation angle, in degrees. Missing
    /// estimates use the same value for both errors so that they fail every threshold.
    /// </summary>
    public static readonly double DefaultErrorDeg = Rotation3.RadToDeg(1e6);

    /// <summary>
    /// Errors of one pair i &lt; j from world→camera poses. Relative pose i→j: R_ij = R_j·R_iᵀ, t_ij = t_j − R_ij·t_i,
    /// for truth and estimate alike.
    /// </summary>
    /// <remarks>
    /// Rotation: the exact geodesic angle. pytorch3d's <c>so3_relative_angle</c> extrapolates arccos linearly beyond
    /// |cos| &gt; 1 − 1e-4, which only alters angles below 0.81° (keeping them below 0.81°), so no threshold of this
    /// protocol (15°, integer-degree bins) can tell the two apart.
    /// </remarks>
    public static (double RotationDeg, double TranslationDeg) PairErrors(Pose truthI, Pose truthJ, Pose? estimateI, Pose? estimateJ)
    {
        if (estimateI is null || estimateJ is null) return (DefaultErrorDeg, DefaultErrorDeg);
        var (rg, tg) = Relative(truthI, truthJ);
        var (re, te) = Relative(estimateI, estimateJ);
        double rot = Rotation3.RadToDeg(Rotation3.AngleBetween(rg, re));
        return (double.IsFinite(rot) ? rot : DefaultErrorDeg, TranslationAngleDeg(tg, te));
    }

    private static (double[,] R, double[] T) Relative(Pose i, Pose j)
    {
        var r = Rotation3.Multiply(j.Rotation, Rotation3.Transpose(i.Rotation));
        var rt = Rotation3.Apply(r, i.Translation);
        return (r, [j.Translation[0] - rt[0], j.Translation[1] - rt[1], j.Translation[2] - rt[2]]);
    }

    /// <summary>
    /// PoseDiffusion <c>compare_translation_by_angle</c>: both vectors divided by (norm + 1e-15), then
    /// acos(sqrt(1 − max(1 − cos², 1e-15))) — the sign-folded angle acos(|cos|) ∈ [0°, 90°], independent of scale;
    /// a zero vector gives cos = 0, i.e. 90°; NaN/∞ becomes 1e6 rad.
    /// </summary>
    public static double TranslationAngleDeg(double[] truth, double[] estimate)
    {
        const double eps = 1e-15;
        double ng = Math.Sqrt(truth[0] * truth[0] + truth[1] * truth[1] + truth[2] * truth[2]) + eps;
        double ne = Math.Sqrt(estimate[0] * estimate[0] + estimate[1] * estimate[1] + estimate[2] * estimate[2]) + eps;
        double cos = (truth[0] / ng) * (estimate[0] / ne) + (truth[1] / ng) * (estimate[1] / ne) + (truth[2] / ng) * (estimate[2] / ne);
        double loss = Math.Max(1 - cos * cos, eps);
        double angle = Math.Acos(Math.Sqrt(1 - loss));
        return double.IsFinite(angle) ? Rotation3.RadToDeg(angle) : DefaultErrorDeg;
    }

    /// <summary>100·mean(error &lt; threshold).</summary>
    public static double AccuracyPercent(IReadOnlyList<double> errorsDeg, double thresholdDeg = Threshold)
    {
        if (errorsDeg.Count == 0) throw new ArgumentException("no pairs to score");
        return 100.0 * errorsDeg.Count(e => e < thresholdDeg) / errorsDeg.Count;
    }

    /// <summary>
    /// mAA(30) as <c>calculate_auc_np</c> × 100: e = max(rot, trans) per pair, numpy histogram over the integer edges
    /// 0, 1, …, 30 ([k, k+1) and the last bin closed, [29, 30]), cumulative sum divided by the number of pairs, mean
    /// of the 30 cumulative values. Pairs above 30° (or non-finite) fall in no bin but count in the denominator.
    /// </summary>
    public static double MeanAverageAccuracyPercent(IReadOnlyList<double> maxErrorsDeg, int maxThreshold = AucMaxThreshold)
    {
        if (maxErrorsDeg.Count == 0) throw new ArgumentException("no pairs to score");
        var histogram = new int[maxThreshold];
        foreach (double e in maxErrorsDeg)
        {
            if (!(e >= 0) || e > maxThreshold) continue; // NaN, negative, > last edge: outside every bin
            int bin = e == maxThreshold ? maxThreshold - 1 : (int)Math.Floor(e);
            histogram[bin]++;
        }
        double cumulative = 0, sum = 0;
        foreach (int count in histogram)
        {
            cumulative += (double)count / maxErrorsDeg.Count;
            sum += cumulative;
        }
        return 100.0 * sum / maxThreshold;
    }
}
