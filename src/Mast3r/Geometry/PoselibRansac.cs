namespace Mast3r.Geometry;

/// <summary>
/// LO-RANSAC for the calibrated absolute pose with the Lambda Twist P3P minimal solver: PoseLib's
/// <c>ransac_pnp</c> on normalised undistorted image points.
/// </summary>
/// <remarks>
/// Port of PoseLib v2.0.4 (BSD-3-Clause, © 2021 Viktor Larsson): <c>robust/ransac_impl.h</c> (<c>ransac</c>),
/// <c>robust/estimators/absolute_pose.cc</c> (<c>AbsolutePoseEstimator</c>), <c>robust/utils.cc</c>
/// (<c>compute_msac_score</c>, <c>get_inliers</c>) and <c>robust/sampling.cc</c> (SplitMix64 <c>random_int</c>,
/// <c>draw_sample</c>). The sampler reproduces PoseLib's integer sequence for a given seed (including its truncation
/// of the 64-bit output to a signed 32-bit int before the modulo), so the same samples are drawn; hypotheses and
/// scores can still differ from PoseLib's in the last bits (matrix instead of quaternion arithmetic), which may
/// change a tie-break, so results are deterministic but not guaranteed bit-identical to poselib's.
/// </remarks>
internal sealed class PoselibRansac
{
    private const int SampleSize = 3;
    private const int LocalOptimisationIterations = 25;

    private readonly IReadOnlyList<(double U, double V)> _x;
    private readonly IReadOnlyList<Vec3> _world;
    private readonly double _threshold, _sqThreshold;
    private ulong _rng;

    /// <param name="normalised">Undistorted normalised image points (x/z, y/z).</param>
    /// <param name="world">The matching world points.</param>
    /// <param name="threshold">Inlier threshold in normalised units (pixels / focal).</param>
    /// <param name="seed">PoseLib RansacOptions.seed (0 by default).</param>
    public PoselibRansac(IReadOnlyList<(double U, double V)> normalised, IReadOnlyList<Vec3> world, double threshold, ulong seed)
    {
        _x = normalised;
        _world = world;
        _threshold = threshold;
        _sqThreshold = threshold * threshold;
        _rng = seed;
    }

    /// <summary>Iterations run by the last <see cref="Run"/> (PoseLib RansacStats.iterations).</summary>
    public int Iterations { get; private set; }

    /// <summary>
    /// Best motion and its inlier mask; the motion is the identity when no sample gave a hypothesis (as in PoseLib).
    /// </summary>
    public (RigidMotion Pose, bool[] Inliers, int InlierCount) Run(int minIterations, int maxIterations, double successProb, double dynamicTrialsMultiplier)
    {
        int n = _world.Count;
        var best = RigidMotion.Identity;
        if (n < SampleSize) return (best, new bool[n], 0);

        double bestScore = double.MaxValue;
        int bestInlierCount = 0;
        int bestMinimalInlierCount = 0;
        double bestMinimalScore = double.MaxValue;
        double logProbMissingModel = Math.Log(1.0 - successProb);
        long dynamicMaxIterations = maxIterations;
        var sample = new int[SampleSize];
        var bearings = new Vec3[SampleSize];
        var points = new Vec3[SampleSize];

        int iter;
        for (iter = 0; iter < maxIterations; iter++)
        {
            if (iter > minIterations && iter > dynamicMaxIterations) break;
            DrawSample(n, sample);
            for (int k = 0; k < SampleSize; k++)
            {
                var (u, v) = _x[sample[k]];
                bearings[k] = new Vec3(u, v, 1).Normalized();
                points[k] = _world[sample[k]];
            }
            var models = LambdaTwistP3P.Solve(bearings, points);

            int bestIndex = -1;
            for (int i = 0; i < models.Count; i++)
            {
                double score = Score(models[i], out int inliers);
                bool moreInliers = inliers > bestMinimalInlierCount;
                bool betterScore = score < bestMinimalScore;
                if (!moreInliers && !betterScore) continue;
                if (moreInliers) bestMinimalInlierCount = inliers;
                if (betterScore) bestMinimalScore = score;
                bestIndex = i;
                if (score < bestScore)
                {
                    bestScore = score;
                    best = models[i];
                    bestInlierCount = inliers;
                }
            }
            if (bestIndex == -1) continue;

            // Local optimisation of the best new minimal model on all points (truncated loss).
            var refined = LocalOptimisation(models[bestIndex]);
            double refinedScore = Score(refined, out int refinedInliers);
            if (refinedScore < bestScore)
            {
                bestScore = refinedScore;
                bestInlierCount = refinedInliers;
                best = refined;
            }
            dynamicMaxIterations = DynamicMaxIterations((double)bestInlierCount / n, logProbMissingModel, dynamicTrialsMultiplier, minIterations, maxIterations);
        }
        Iterations = iter;

        var final = LocalOptimisation(best);
        if (Score(final, out _) < bestScore) best = final;
        var mask = InlierMask(best, out int count);
        return (best, mask, count);
    }

    /// <summary>PoseLib's stopping rule: trials for a 3-point all-inlier sample at the current inlier ratio, × multiplier.</summary>
    internal static long DynamicMaxIterations(double inlierRatio, double logProbMissingModel, double multiplier, int minIterations, int maxIterations)
    {
        if (inlierRatio >= 0.9999) return minIterations; // log(prob_outlier) would be −∞
        if (inlierRatio <= 0.0001) return maxIterations; // log(prob_outlier) would be 0
        double probOutlier = 1.0 - Math.Pow(inlierRatio, SampleSize);
        return (long)Math.Ceiling(logProbMissingModel / Math.Log(probOutlier) * multiplier);
    }

    private RigidMotion LocalOptimisation(RigidMotion model) =>
        PoseBundleAdjuster.Refine(model, _x, _world, OpenCvCameraModel.Calibrated, RobustLoss.Truncated, _threshold, LocalOptimisationIterations);

    /// <summary>MSAC score: Σ min(r², τ²) with points behind the camera counted as outliers.</summary>
    private double Score(RigidMotion pose, out int inlierCount)
    {
        inlierCount = 0;
        double score = 0;
        var r = pose.R;
        var t = pose.T;
        for (int k = 0; k < _world.Count; k++)
        {
            var p = _world[k];
            double z0 = r[0] * p.X + r[1] * p.Y + r[2] * p.Z + t[0];
            double z1 = r[3] * p.X + r[4] * p.Y + r[5] * p.Z + t[1];
            double z2 = r[6] * p.X + r[7] * p.Y + r[8] * p.Z + t[2];
            double inv = 1.0 / z2;
            double r0 = z0 * inv - _x[k].U, r1 = z1 * inv - _x[k].V;
            double rsq = r0 * r0 + r1 * r1;
            if (rsq < _sqThreshold && z2 > 0.0)
            {
                inlierCount++;
                score += rsq;
            }
        }
        return score + (_world.Count - inlierCount) * _sqThreshold;
    }

    private bool[] InlierMask(RigidMotion pose, out int count)
    {
        var mask = new bool[_world.Count];
        count = 0;
        for (int k = 0; k < mask.Length; k++)
        {
            var (z0, z1, z2) = pose.Apply(_world[k].X, _world[k].Y, _world[k].Z);
            double r0 = z0 / z2 - _x[k].U, r1 = z1 / z2 - _x[k].V;
            mask[k] = r0 * r0 + r1 * r1 < _sqThreshold && z2 > 0.0;
            if (mask[k]) count++;
        }
        return mask;
    }

    /// <summary>PoseLib draw_sample: distinct indices by rejection.</summary>
    private void DrawSample(int n, int[] sample)
    {
        for (int i = 0; i < sample.Length; i++)
        {
            bool distinct;
            do
            {
                sample[i] = (int)((ulong)(long)NextInt(ref _rng) % (ulong)n);
                distinct = true;
                for (int j = 0; j < i; j++) distinct &= sample[j] != sample[i];
            }
            while (!distinct);
        }
    }

    /// <summary>SplitMix64, returned as PoseLib's <c>int</c> (low 32 bits, two's complement).</summary>
    internal static int NextInt(ref ulong state)
    {
        unchecked
        {
            state += 0x9e3779b97f4a7c15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
            return (int)(z ^ (z >> 31));
        }
    }
}
