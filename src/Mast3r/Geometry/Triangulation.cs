using OpenCvSharp;

namespace Mast3r.Geometry;

/// <summary>
/// Linear (DLT) triangulation of one point from two or more calibrated views, in double precision. The role of
/// OpenCV <c>triangulatePoints</c> / the DLT used by SfM toolkits; here for any number of views.
/// </summary>
internal static class Triangulation
{
    /// <summary>
    /// Triangulates from world→camera poses, intrinsics and the observed pixels (OpenCV convention, distortion
    /// removed first when present). Throws <see cref="ArgumentException"/> for fewer than two views and for
    /// configurations without a unique point: coincident camera centres, parallel rays, or a point at infinity.
    /// </summary>
    public static TriangulatedPoint Triangulate(IReadOnlyList<Pose> poses, IReadOnlyList<PinholeCamera> cameras, IReadOnlyList<Point2d> pixels)
    {
        PointSetChecks.RequireSameCount(poses.Count, cameras.Count, "poses", "cameras");
        PointSetChecks.RequireSameCount(poses.Count, pixels.Count, "poses", "pixels");
        PointSetChecks.RequireFinite(pixels, "pixels");
        if (poses.Count < 2) throw new ArgumentException($"triangulation needs at least 2 views, got {poses.Count}");

        // Rows in normalised coordinates: each view contributes x·P₃ − P₁ and y·P₃ − P₂ with P = [R|t], scaled to
        // unit norm so that no view dominates by the size of its numbers.
        var a = new double[2 * poses.Count, 4];
        for (int v = 0; v < poses.Count; v++)
        {
            var n = RelativePoseEstimator.Normalise([pixels[v]], cameras[v])[0];
            var r = poses[v].Rotation;
            var t = poses[v].Translation;
            for (int row = 0; row < 2; row++)
            {
                double coord = row == 0 ? n.X : n.Y;
                double norm = 0;
                for (int c = 0; c < 4; c++)
                {
                    double p3 = c < 3 ? r[2, c] : t[2];
                    double pk = c < 3 ? r[row, c] : t[row];
                    a[2 * v + row, c] = coord * p3 - pk;
                    norm += a[2 * v + row, c] * a[2 * v + row, c];
                }
                norm = Math.Sqrt(norm);
                for (int c = 0; c < 4; c++) a[2 * v + row, c] /= norm;
            }
        }

        using var am = CvInterop.Matrix(a);
        using var sv = new Mat();
        using var u = new Mat();
        using var vtMat = new Mat();
        Cv2.SVDecomp(am, sv, u, vtMat, SVD.Flags.FullUV);
        var s = CvInterop.ToVector(sv);
        var vt = CvInterop.ToArray(vtMat);
        // Two (near-)zero singular values: a one-parameter family of solutions — the rays coincide or are parallel.
        if (s[2] <= 1e-10 * s[0])
            throw new ArgumentException("the viewing rays are parallel or the cameras coincide: the point's depth is undetermined");
        double[] h = [vt[3, 0], vt[3, 1], vt[3, 2], vt[3, 3]];
        double hn = Math.Sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2] + h[3] * h[3]);
        if (Math.Abs(h[3]) <= 1e-12 * hn) throw new ArgumentException("the triangulated point lies at infinity");
        var point = new Point3d(h[0] / h[3], h[1] / h[3], h[2] / h[3]);

        var depths = new double[poses.Count];
        var errors = new double[poses.Count];
        for (int v = 0; v < poses.Count; v++)
        {
            var x = poses[v].Apply([point.X, point.Y, point.Z]);
            depths[v] = x[2];
            var p = cameras[v].Project(x);
            errors[v] = Math.Sqrt((p.X - pixels[v].X) * (p.X - pixels[v].X) + (p.Y - pixels[v].Y) * (p.Y - pixels[v].Y));
        }
        return new TriangulatedPoint(point, depths, errors);
    }
}
