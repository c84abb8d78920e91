namespace Mast3r.Geometry;

/// <summary>
/// COLMAP/PoseLib <c>OPENCV</c> camera (fx, fy, cx, cy, k1, k2, p1, p2) as used inside the poselib PnP port; with zero
/// distortion it is PoseLib's PINHOLE model, and with f = 1, c = 0 its calibrated (null) camera.
/// </summary>
/// <remarks>Port of PoseLib v2.0.4 (BSD-3-Clause) <c>misc/colmap_models.cc</c>, <c>OpenCVCameraModel</c> and
/// <c>undistort_opencv</c>.</remarks>
internal readonly record struct OpenCvCameraModel(double Fx, double Fy, double Cx, double Cy, double K1, double K2, double P1, double P2)
{
    private const double UndistortTolerance = 1e-10;
    private const int UndistortMaxIterations = 25;

    /// <summary>The calibrated camera: image points are normalised coordinates.</summary>
    public static OpenCvCameraModel Calibrated => new(1, 1, 0, 0, 0, 0, 0, 0);

    /// <summary>PoseLib Camera::focal: the mean of fx and fy.</summary>
    public double Focal => (Fx + Fy) / 2;

    /// <summary>PoseLib Camera::rescale: focal lengths and principal point scale, distortion does not.</summary>
    public OpenCvCameraModel Rescaled(double s) => this with { Fx = Fx * s, Fy = Fy * s, Cx = Cx * s, Cy = Cy * s };

    /// <summary>Pixel of the normalised point (x, y) and the 2×2 Jacobian d(pixel)/d(x, y), row-major.</summary>
    public (double U, double V, double J00, double J01, double J10, double J11) ProjectWithJacobian(double x, double y)
    {
        var (xd, yd, j00, j01, j10, j11) = DistortWithJacobian(x, y);
        return (Fx * xd + Cx, Fy * yd + Cy, Fx * j00, Fx * j01, Fy * j10, Fy * j11);
    }

    public (double U, double V) Project(double x, double y)
    {
        var (xd, yd, _, _, _, _) = DistortWithJacobian(x, y);
        return (Fx * xd + Cx, Fy * yd + Cy);
    }

    /// <summary>Normalised undistorted coordinates of a pixel: Newton iterations with PoseLib's 1e-8 damping.</summary>
    public (double X, double Y) Unproject(double u, double v)
    {
        double px = (u - Cx) / Fx, py = (v - Cy) / Fy;
        double x = px, y = py;
        for (int iter = 0; iter < UndistortMaxIterations; iter++)
        {
            var (xd, yd, j00, j01, j10, j11) = DistortWithJacobian(x, y);
            j00 += 1e-8;
            j11 += 1e-8;
            double rx = xd - px, ry = yd - py;
            if (Math.Sqrt(rx * rx + ry * ry) < UndistortTolerance) break;
            double det = j00 * j11 - j01 * j10;
            x -= (j11 * rx - j01 * ry) / det;
            y -= (-j10 * rx + j00 * ry) / det;
        }
        return (x, y);
    }

    /// <summary>OpenCV radial-tangential distortion (k1, k2, p1, p2) on normalised coordinates and its Jacobian.</summary>
    private (double Xd, double Yd, double J00, double J01, double J10, double J11) DistortWithJacobian(double x, double y)
    {
        double r2 = x * x + y * y;
        double radial = 1 + K1 * r2 + K2 * r2 * r2;
        double dRadial = K1 + 2 * K2 * r2; // d(radial)/d(r²)
        double xd = x * radial + 2 * P1 * x * y + P2 * (r2 + 2 * x * x);
        double yd = y * radial + P1 * (r2 + 2 * y * y) + 2 * P2 * x * y;
        double j00 = radial + 2 * x * x * dRadial + 2 * P1 * y + 6 * P2 * x;
        double j01 = 2 * x * y * dRadial + 2 * P1 * x + 2 * P2 * y;
        double j10 = 2 * x * y * dRadial + 2 * P1 * x + 2 * P2 * y;
        double j11 = radial + 2 * y * y * dRadial + 6 * P1 * y + 2 * P2 * x;
        return (xd, yd, j00, j01, j10, j11);
    }
}
