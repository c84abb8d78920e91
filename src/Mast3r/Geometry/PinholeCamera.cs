using OpenCvSharp;

namespace Mast3r.Geometry;

/// <summary>
/// Pinhole intrinsics in the OpenCV pixel convention (centre of the top-left pixel at (0, 0)) with optional
/// OpenCV-model distortion (k1, k2, p1, p2[, k3]) — the same model as COLMAP's OPENCV camera, which poselib
/// receives in dust3r_visloc. Use <see cref="FromColmap"/> for COLMAP-convention parameters (centre at (0.5, 0.5)).
/// </summary>
internal sealed class PinholeCamera
{
    public PinholeCamera(double fx, double fy, double cx, double cy, IReadOnlyList<double>? distortion = null)
    {
        if (!(fx > 0) || !(fy > 0) || !double.IsFinite(fx) || !double.IsFinite(fy))
            throw new ArgumentException($"focal lengths must be finite and positive (fx={fx}, fy={fy})");
        if (!double.IsFinite(cx) || !double.IsFinite(cy))
            throw new ArgumentException($"principal point must be finite (cx={cx}, cy={cy})");
        var d = distortion?.ToArray() ?? [];
        if (d.Length is not (0 or 4 or 5)) throw new ArgumentException($"distortion needs 0, 4 or 5 coefficients (k1 k2 p1 p2 [k3]), got {d.Length}");
        if (d.Any(v => !double.IsFinite(v))) throw new ArgumentException("distortion coefficients must be finite");
        Fx = fx; Fy = fy; Cx = cx; Cy = cy;
        Distortion = d;
    }

    public double Fx { get; }
    public double Fy { get; }
    public double Cx { get; }
    public double Cy { get; }

    /// <summary>OpenCV order k1, k2, p1, p2[, k3]; empty when the camera is undistorted.</summary>
    public IReadOnlyList<double> Distortion { get; }

    public bool HasDistortion => Distortion.Any(v => v != 0);

    /// <summary>
    /// From COLMAP-convention parameters: the principal point moves by −0.5 px (dust3r
    /// <c>colmap_to_opencv_intrinsics</c>); focal lengths and distortion are convention-free.
    /// </summary>
    public static PinholeCamera FromColmap(double fx, double fy, double cx, double cy, IReadOnlyList<double>? distortion = null) =>
        new(fx, fy, cx - 0.5, cy - 0.5, distortion);

    /// <summary>
    /// From a dataset reader's intrinsics (already in the OpenCV convention); its radial k1, k2 become the OpenCV
    /// coefficients [k1, k2, 0, 0]. The image size stays with the caller (e.g. <see cref="PnpRansacOptions.Visloc"/>).
    /// </summary>
    public static PinholeCamera From(Datasets.CameraIntrinsics k) =>
        new(k.Fx, k.Fy, k.Cx, k.Cy, k.K1 == 0 && k.K2 == 0 ? null : [k.K1, k.K2, 0, 0]);

    /// <summary>COLMAP SIMPLE_RADIAL (f, cx, cy, k) as the OPENCV model [k, 0, 0, 0] that dust3r hands to poselib.</summary>
    public static PinholeCamera FromColmapSimpleRadial(double f, double cx, double cy, double k) =>
        FromColmap(f, f, cx, cy, [k, 0, 0, 0]);

    /// <summary>The principal point in the COLMAP convention (+0.5 px).</summary>
    public (double Cx, double Cy) ColmapPrincipalPoint => (Cx + 0.5, Cy + 0.5);

    public double[,] Matrix() => new double[,] { { Fx, 0, Cx }, { 0, Fy, Cy }, { 0, 0, 1 } };

    /// <summary>Projects a point given in camera coordinates; NaN when it lies on the z = 0 plane.</summary>
    public Point2d Project(double[] xCam)
    {
        if (xCam[2] == 0) return new Point2d(double.NaN, double.NaN);
        var (x, y) = Distort(xCam[0] / xCam[2], xCam[1] / xCam[2]);
        return new Point2d(Fx * x + Cx, Fy * y + Cy);
    }

    /// <summary>OpenCV / COLMAP OPENCV radial-tangential model on normalised coordinates.</summary>
    public (double X, double Y) Distort(double x, double y)
    {
        if (Distortion.Count == 0) return (x, y);
        double k1 = Distortion[0], k2 = Distortion[1], p1 = Distortion[2], p2 = Distortion[3];
        double k3 = Distortion.Count > 4 ? Distortion[4] : 0;
        double r2 = x * x + y * y;
        double radial = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
        return (x * radial + 2 * p1 * x * y + p2 * (r2 + 2 * x * x),
                y * radial + p1 * (r2 + 2 * y * y) + 2 * p2 * x * y);
    }

    public override string ToString() =>
        $"fx={Fx} fy={Fy} cx={Cx} cy={Cy}" + (Distortion.Count > 0 ? $" dist=[{string.Join(", ", Distortion)}]" : "");
}
