namespace Mast3r.Geometry;

/// <summary>
/// Minimal absolute pose from three bearing/point pairs: Lambda Twist (Persson &amp; Nordberg, ECCV 2018).
/// </summary>
/// <remarks>
/// Port of PoseLib v2.0.4 (BSD-3-Clause, © 2021 Viktor Larsson) <c>solvers/p3p.cc</c> (<c>p3p</c>,
/// <c>compute_eig3x3known0</c>) and <c>solvers/p3p_common.h</c> (<c>refine_lambda</c>), including PoseLib's two
/// corrections of the paper (the sign of M(0,0) in the eigen step, the swapped cubic coefficients c1/c2), its
/// single Newton step on the cubic root and its tolerance for double roots.
/// </remarks>
internal static class LambdaTwistP3P
{
    private const double DoubleRootTolerance = 1e-12;

    /// <summary>
    /// All poses with λᵢ·xᵢ = R·Xᵢ + t, λᵢ &gt; 0 (at most four). <paramref name="bearings"/> are unit vectors
    /// (normalised homogeneous image points), <paramref name="points"/> the matching world points.
    /// </summary>
    public static List<RigidMotion> Solve(ReadOnlySpan<Vec3> bearings, ReadOnlySpan<Vec3> points)
    {
        if (bearings.Length != 3 || points.Length != 3) throw new ArgumentException($"P3P needs exactly 3 correspondences, got {bearings.Length} bearings and {points.Length} points");
        Vec3 x0 = bearings[0], x1 = bearings[1], x2 = bearings[2];
        Vec3 d12 = points[0] - points[1], d13 = points[0] - points[2], d23 = points[1] - points[2];

        double a12 = d12.SquaredNorm, b12 = x0.Dot(x1);
        double a13 = d13.SquaredNorm, b13 = x0.Dot(x2);
        double a23 = d23.SquaredNorm, b23 = x1.Dot(x2);
        double a23b12 = a23 * b12, a12b23 = a12 * b23, a23b13 = a23 * b13, a13b23 = a13 * b23;

        // Symmetric 3×3 forms D1, D2 of the two quadrics (row-major).
        double[] d1 = [a23, -a23b12, 0, -a23b12, a23 - a12, a12b23, 0, a12b23, -a12];
        double[] d2 = [a23, 0, -a23b13, 0, -a13, a13b23, -a23b13, a13b23, a23 - a13];
        var dx1 = Adjugate(d1);
        var dx2 = Adjugate(d2);

        // det(D1 + γ·D2) = c3γ³ + c2γ² + c1γ + c0 (c1 and c2 are swapped in the paper).
        double c3 = Column(d2, 0).Dot(Column(dx2, 0));
        double c2 = ElementwiseSum(d1, dx2);
        double c1 = ElementwiseSum(d2, dx1);
        double c0 = Column(d1, 0).Dot(Column(dx1, 0));
        double gamma = RealCubicRoot(c2 / c3, c1 / c3, c0 / c3);

        var d0 = new double[9];
        for (int i = 0; i < 9; i++) d0[i] = d1[i] + gamma * d2[i];
        var (e0, e1, sig1, sig2) = EigenKnownZero(d0);

        // XX⁻¹ maps world differences to the basis [d12, d13, d12×d13].
        var xxInv = Inverse(ColumnsToMatrix(d12, d13, d12.Cross(d13)));
        var result = new List<RigidMotion>(4);
        double s = Math.Sqrt(-sig2 / sig1);
        for (int flip = 0; flip < 2; flip++, s = -s)
        {
            // [u1 u2 u3]·[λ1 λ2 λ3]ᵀ = 0; solve for the λ with the larger coefficient (u1 = u2 = 0 is degenerate).
            double u1 = e0.X - s * e1.X, u2 = e0.Y - s * e1.Y, u3 = e0.Z - s * e1.Z;
            bool solveForLambda2 = Math.Abs(u1) < Math.Abs(u2);
            double a, b, c, w0, w1;
            if (solveForLambda2)
            {
                w0 = -u1 / u2; w1 = -u3 / u2;
                a = -a13 * w1 * w1 + 2 * a13b23 * w1 - a13 + a23;
                b = 2 * a13b23 * w0 - 2 * a23b13 - 2 * a13 * w0 * w1;
                c = -a13 * w0 * w0 + a23;
            }
            else
            {
                w0 = -u2 / u1; w1 = -u3 / u1;
                a = (a13 - a12) * w1 * w1 + 2.0 * a12 * b13 * w1 - a12;
                b = -2.0 * a13 * b12 * w1 + 2.0 * a12 * b13 * w0 - 2.0 * w0 * w1 * (a12 - a13);
                c = (a13 - a12) * w0 * w0 - 2.0 * a13 * b12 * w0 + a13;
            }
            double disc = b * b - 4.0 * a * c;
            if (disc < -DoubleRootTolerance) continue;
            double sq = Math.Sqrt(Math.Max(0.0, disc));
            double tau = b > 0 ? 2.0 * c / (-b - sq) : 2.0 * c / (-b + sq);
            for (int tauFlip = 0; tauFlip < 2; tauFlip++, tau = c / (a * tau))
            {
                if (tau > 0)
                {
                    double l1, l2, l3;
                    if (solveForLambda2)
                    {
                        l1 = Math.Sqrt(a13 / (tau * (tau - 2.0 * b13) + 1.0));
                        l3 = tau * l1;
                        l2 = w0 * l1 + w1 * l3;
                    }
                    else
                    {
                        l2 = Math.Sqrt(a23 / (tau * (tau - 2.0 * b23) + 1.0));
                        l3 = tau * l2;
                        l1 = w0 * l2 + w1 * l3;
                    }
                    // τ > 0 and the square-rooted λ are positive: only the combined one can be negative.
                    if (l1 >= 0 && l2 >= 0)
                        result.Add(PoseFromDepths(x0, x1, x2, points[0], xxInv, l1, l2, l3, a12, a13, a23, b12, b13, b23));
                }
                if (disc < DoubleRootTolerance) break; // double root: the second τ is the same
            }
        }
        return result;
    }

    private static RigidMotion PoseFromDepths(Vec3 x0, Vec3 x1, Vec3 x2, Vec3 p0, double[] xxInv,
        double l1, double l2, double l3, double a12, double a13, double a23, double b12, double b13, double b23)
    {
        RefineDepths(ref l1, ref l2, ref l3, a12, a13, a23, b12, b13, b23);
        Vec3 v1 = l1 * x0 - l2 * x1, v2 = l1 * x0 - l3 * x2;
        var r = Multiply(ColumnsToMatrix(v1, v2, v1.Cross(v2)), xxInv);
        var rp = new Vec3(r[0] * p0.X + r[1] * p0.Y + r[2] * p0.Z, r[3] * p0.X + r[4] * p0.Y + r[5] * p0.Z, r[6] * p0.X + r[7] * p0.Y + r[8] * p0.Z);
        var t = l1 * x0 - rp;
        return new RigidMotion(r, [t.X, t.Y, t.Z]);
    }

    /// <summary>PoseLib refine_lambda: up to 5 Gauss–Newton steps on the three distance constraints.</summary>
    private static void RefineDepths(ref double l1, ref double l2, ref double l3, double a12, double a13, double a23, double b12, double b13, double b23)
    {
        for (int iter = 0; iter < 5; iter++)
        {
            double r1 = l1 * l1 - 2.0 * l1 * l2 * b12 + l2 * l2 - a12;
            double r2 = l1 * l1 - 2.0 * l1 * l3 * b13 + l3 * l3 - a13;
            double r3 = l2 * l2 - 2.0 * l2 * l3 * b23 + l3 * l3 - a23;
            if (Math.Abs(r1) + Math.Abs(r2) + Math.Abs(r3) < 1e-10) return;
            double x11 = l1 - l2 * b12, x12 = l2 - l1 * b12;
            double x21 = l1 - l3 * b13, x23 = l3 - l1 * b13;
            double x32 = l2 - l3 * b23, x33 = l3 - l2 * b23;
            double detJ = 0.5 / (x11 * x23 * x32 + x12 * x21 * x33); // −½ / det(J): closed-form inverse of the sparse Jacobian
            l1 += (-x23 * x32 * r1 - x12 * x33 * r2 + x12 * x23 * r3) * detJ;
            l2 += (-x21 * x33 * r1 + x11 * x33 * r2 - x11 * x23 * r3) * detJ;
            l3 += (x21 * x32 * r1 - x11 * x32 * r2 - x12 * x21 * r3) * detJ;
        }
    }

    /// <summary>One real root of γ³ + c2γ² + c1γ + c0 (Cardano / trigonometric), polished by one Newton step.</summary>
    private static double RealCubicRoot(double c2, double c1, double c0)
    {
        double a = c1 - c2 * c2 / 3.0;
        double b = (2.0 * c2 * c2 * c2 - 9.0 * c2 * c1) / 27.0 + c0;
        double c = b * b / 4.0 + a * a * a / 27.0;
        double gamma;
        if (c > 0)
        {
            c = Math.Sqrt(c);
            b *= -0.5;
            gamma = Math.Cbrt(b + c) + Math.Cbrt(b - c) - c2 / 3.0;
        }
        else
        {
            c = 3.0 * b / (2.0 * a) * Math.Sqrt(-3.0 / a);
            gamma = 2.0 * Math.Sqrt(-a / 3.0) * Math.Cos(Math.Acos(c) / 3.0) - c2 / 3.0;
        }
        double f = gamma * gamma * gamma + c2 * gamma * gamma + c1 * gamma + c0;
        double df = 3.0 * gamma * gamma + 2.0 * c2 * gamma + c1;
        return gamma - f / df;
    }

    /// <summary>
    /// PoseLib compute_eig3x3known0: the two eigenvectors (with |σ1| ≥ |σ2|) of a symmetric 3×3 matrix known to be
    /// singular. The original paper misses a minus sign on M(0,0) in p1.
    /// </summary>
    private static (Vec3 E0, Vec3 E1, double Sig1, double Sig2) EigenKnownZero(double[] m)
    {
        double m00 = m[0], m01 = m[1], m02 = m[2], m11 = m[4], m12 = m[5], m22 = m[8];
        double p1 = -m00 - m11 - m22;
        double p0 = -m01 * m01 - m02 * m02 - m12 * m12 + m00 * (m11 + m22) + m11 * m22;
        double disc = Math.Sqrt(p1 * p1 / 4.0 - p0);
        double sig1 = -p1 / 2.0 + disc, sig2 = -p1 / 2.0 - disc;
        if (Math.Abs(sig1) < Math.Abs(sig2)) (sig1, sig2) = (sig2, sig1);
        return (Eigenvector(sig1), Eigenvector(sig2), sig1, sig2);

        Vec3 Eigenvector(double sig)
        {
            double c = sig * sig + m00 * m11 - sig * (m00 + m11) - m01 * m01;
            double a1 = (sig * m02 + m01 * m12 - m02 * m11) / c;
            double a2 = (sig * m12 + m01 * m02 - m00 * m12) / c;
            double n = 1.0 / Math.Sqrt(1 + a1 * a1 + a2 * a2);
            return new Vec3(a1 * n, a2 * n, n);
        }
    }

    /// <summary>Columns (c1×c2, c2×c0, c0×c1) of a row-major 3×3 matrix with columns c0, c1, c2.</summary>
    private static double[] Adjugate(double[] m)
    {
        Vec3 c0 = Column(m, 0), c1 = Column(m, 1), c2 = Column(m, 2);
        return ColumnsToMatrix(c1.Cross(c2), c2.Cross(c0), c0.Cross(c1));
    }

    private static Vec3 Column(double[] m, int j) => new(m[j], m[3 + j], m[6 + j]);

    private static double ElementwiseSum(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < 9; i++) s += a[i] * b[i];
        return s;
    }

    private static double[] ColumnsToMatrix(Vec3 a, Vec3 b, Vec3 c) => [a.X, b.X, c.X, a.Y, b.Y, c.Y, a.Z, b.Z, c.Z];

    private static double[] Multiply(double[] a, double[] b)
    {
        var r = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
        return r;
    }

    private static double[] Inverse(double[] m)
    {
        // Rows of the inverse are the cross products of the columns, over the determinant.
        Vec3 c0 = Column(m, 0), c1 = Column(m, 1), c2 = Column(m, 2);
        Vec3 r0 = c1.Cross(c2), r1 = c2.Cross(c0), r2 = c0.Cross(c1);
        double inv = 1.0 / c0.Dot(r0);
        return [r0.X * inv, r0.Y * inv, r0.Z * inv, r1.X * inv, r1.Y * inv, r1.Z * inv, r2.X * inv, r2.Y * inv, r2.Z * inv];
    }
}
