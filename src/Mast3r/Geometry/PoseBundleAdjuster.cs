namespace Mast3r.Geometry;

/// <summary>
/// Levenberg–Marquardt refinement of a world→camera motion on 2-D/3-D correspondences under a robust loss.
/// </summary>
/// <remarks>
/// Port of PoseLib v2.0.4 (BSD-3-Clause) <c>robust/lm_impl.h</c> (<c>lm_impl</c>: additive damping λ·I, λ ÷ 10 on
/// an accepted step and × 10 on a rejected one, stop on ‖Jᵀr‖ &lt; 1e-10 or ‖step‖ &lt; 1e-8),
/// <c>robust/jacobian_impl.h</c> (<c>CameraJacobianAccumulator</c>: points behind the camera are skipped, the
/// rotation is updated by post-multiplication R·exp([δ]ₓ), the translation by t + R·δt) and
/// <c>robust/robust_loss.h</c>. Deviation: the rotation is kept as a matrix (Rodrigues step) instead of a
/// quaternion, which changes results only at the rounding level.
/// </remarks>
internal static class PoseBundleAdjuster
{
    private const double GradientTolerance = 1e-10, StepTolerance = 1e-8;
    private const double InitialLambda = 1e-3, MinLambda = 1e-10, MaxLambda = 1e10;
    private const double SmallestNormalDouble = 2.2250738585072014e-308; // C++ numeric_limits<double>::min(), Cauchy's weight floor

    /// <summary>The refined motion, starting from <paramref name="pose"/>; residuals are in the units of <paramref name="image"/>.</summary>
    public static RigidMotion Refine(RigidMotion pose, IReadOnlyList<(double U, double V)> image, IReadOnlyList<Vec3> world,
        OpenCvCameraModel camera, RobustLoss loss, double lossScale, int maxIterations)
    {
        double sq = lossScale * lossScale, invSq = 1.0 / sq;
        double Loss(double r2) => loss == RobustLoss.Truncated ? Math.Min(r2, sq) : Math.Log(1 + r2 * invSq);
        double Weight(double r2) => loss == RobustLoss.Truncated ? (r2 < sq ? 1.0 : 0.0) : Math.Max(SmallestNormalDouble, invSq / (1.0 + r2 * invSq));

        double Cost(RigidMotion p)
        {
            double cost = 0;
            for (int i = 0; i < world.Count; i++)
            {
                var (zx, zy, zz) = p.Apply(world[i].X, world[i].Y, world[i].Z);
                if (zz < 0) continue; // assumed to stay behind the camera during the optimisation
                var (u, v) = camera.Project(zx / zz, zy / zz);
                double r0 = u - image[i].U, r1 = v - image[i].V;
                cost += Loss(r0 * r0 + r1 * r1);
            }
            return cost;
        }

        var jtj = new double[36];
        var jtr = new double[6];
        double lambda = InitialLambda;
        double currentCost = Cost(pose);
        bool recompute = true;
        for (int iter = 0; iter < maxIterations; iter++)
        {
            if (recompute)
            {
                Accumulate(pose, image, world, camera, Weight, jtj, jtr);
                if (Norm(jtr) < GradientTolerance) break;
            }
            var damped = (double[])jtj.Clone();
            for (int k = 0; k < 6; k++) damped[7 * k] += lambda;
            var step = SolveCholesky(damped, jtr);
            if (step is null) break; // not positive definite: PoseLib's LLT would return garbage; stop instead
            if (Norm(step) < StepTolerance) break;

            var candidate = Step(pose, step);
            double newCost = Cost(candidate);
            if (newCost < currentCost)
            {
                pose = candidate;
                currentCost = newCost;
                lambda = Math.Max(MinLambda, lambda / 10);
                recompute = true;
            }
            else
            {
                lambda = Math.Min(MaxLambda, lambda * 10);
                recompute = false;
            }
        }
        return pose;
    }

    /// <summary>JᵀWJ and JᵀWr over the residuals u(R·X + t) − x, parameters (δrotation, δt).</summary>
    private static void Accumulate(RigidMotion pose, IReadOnlyList<(double U, double V)> image, IReadOnlyList<Vec3> world,
        OpenCvCameraModel camera, Func<double, double> weightOf, double[] jtj, double[] jtr)
    {
        Array.Clear(jtj);
        Array.Clear(jtr);
        var r = pose.R;
        Span<double> j = stackalloc double[12]; // 2×6, row-major
        Span<double> d = stackalloc double[6];  // 2×3 d(pixel)/d(world-frame shift), row-major
        for (int i = 0; i < world.Count; i++)
        {
            var p = world[i];
            var (zx, zy, zz) = pose.Apply(p.X, p.Y, p.Z);
            if (zz < 0) continue;
            double x = zx / zz, y = zy / zz;
            var (u, v, c00, c01, c10, c11) = camera.ProjectWithJacobian(x, y);
            double r0 = u - image[i].U, r1 = v - image[i].V;
            double w = weightOf(r0 * r0 + r1 * r1);
            if (w == 0.0) continue;

            // d(pixel)/dZ = [Jcam | −Jcam·z] / Z₂, then ·R for the world-frame perturbations.
            double inv = 1.0 / zz;
            double a00 = c00 * inv, a01 = c01 * inv, a02 = -(c00 * x + c01 * y) * inv;
            double a10 = c10 * inv, a11 = c11 * inv, a12 = -(c10 * x + c11 * y) * inv;
            for (int k = 0; k < 3; k++)
            {
                d[k] = a00 * r[k] + a01 * r[3 + k] + a02 * r[6 + k];
                d[3 + k] = a10 * r[k] + a11 * r[3 + k] + a12 * r[6 + k];
            }
            for (int row = 0; row < 2; row++)
            {
                double e0 = d[3 * row], e1 = d[3 * row + 1], e2 = d[3 * row + 2];
                // Rotation columns: dZ·(eₖ × X).
                j[6 * row + 0] = -p.Z * e1 + p.Y * e2;
                j[6 * row + 1] = p.Z * e0 - p.X * e2;
                j[6 * row + 2] = -p.Y * e0 + p.X * e1;
                j[6 * row + 3] = e0;
                j[6 * row + 4] = e1;
                j[6 * row + 5] = e2;
            }
            for (int a = 0; a < 6; a++)
            {
                jtr[a] += w * (j[a] * r0 + j[6 + a] * r1);
                for (int b = 0; b <= a; b++) jtj[6 * a + b] += w * (j[a] * j[b] + j[6 + a] * j[6 + b]);
            }
        }
        for (int a = 0; a < 6; a++)
            for (int b = a + 1; b < 6; b++) jtj[6 * a + b] = jtj[6 * b + a];
    }

    private static RigidMotion Step(RigidMotion pose, double[] delta)
    {
        var dr = Rotation3.FromRotationVector([delta[0], delta[1], delta[2]]);
        var r = pose.R;
        var nr = new double[9];
        for (int i = 0; i < 3; i++)
            for (int k = 0; k < 3; k++)
                nr[3 * i + k] = r[3 * i] * dr[0, k] + r[3 * i + 1] * dr[1, k] + r[3 * i + 2] * dr[2, k];
        var (sx, sy, sz) = pose.Rotate(delta[3], delta[4], delta[5]);
        return new RigidMotion(nr, [pose.T[0] + sx, pose.T[1] + sy, pose.T[2] + sz]);
    }

    /// <summary>−A⁻¹·b for a symmetric positive definite 6×6 A (Cholesky); null when A is not positive definite.</summary>
    private static double[]? SolveCholesky(double[] a, double[] b)
    {
        var l = new double[36];
        for (int i = 0; i < 6; i++)
        {
            for (int k = 0; k <= i; k++)
            {
                double s = a[6 * i + k];
                for (int m = 0; m < k; m++) s -= l[6 * i + m] * l[6 * k + m];
                if (i == k)
                {
                    if (!(s > 0)) return null;
                    l[6 * i + i] = Math.Sqrt(s);
                }
                else l[6 * i + k] = s / l[6 * k + k];
            }
        }
        var y = new double[6];
        for (int i = 0; i < 6; i++)
        {
            double s = b[i];
            for (int m = 0; m < i; m++) s -= l[6 * i + m] * y[m];
            y[i] = s / l[6 * i + i];
        }
        var x = new double[6];
        for (int i = 5; i >= 0; i--)
        {
            double s = y[i];
            for (int m = i + 1; m < 6; m++) s -= l[6 * m + i] * x[m];
            x[i] = s / l[6 * i + i];
        }
        for (int i = 0; i < 6; i++) x[i] = -x[i];
        return x;
    }

    private static double Norm(double[] v)
    {
        double s = 0;
        foreach (double x in v) s += x * x;
        return Math.Sqrt(s);
    }
}
