using Mast3r.Datasets;
using Mast3r.Geometry;

namespace Mast3r.Localization;

/// <summary>
/// Absolute pose from 2-D/3-D correspondences: OpenCV SQPnP inside RANSAC (10,000 iterations, confidence 0.9999,
/// threshold = ratio × image diagonal) and a Levenberg–Marquardt refinement on the inliers — the cv2 alternative
/// of visloc <c>run_pnp</c> (protocols.md §1.2 step 9, §7). Deviation: poselib's LO-RANSAC is not available in .NET.
/// </summary>
internal static class AbsolutePose
{
    internal sealed record Result(Pose WorldToCamera, int Inliers);

    /// <summary>Pixels in the original image (OpenCV convention), world points; null when fewer than 5 matches or no solution.</summary>
    public static Result? Estimate(IReadOnlyList<double> pixels, IReadOnlyList<double> points, Datasets.CameraIntrinsics k, double reprojectionDiagRatio)
    {
        int n = pixels.Count / 2;
        if (n <= 4) return null;
        // Centre the 3-D points so float32 OpenCV inputs keep millimetre precision on large (city-scale) maps.
        double mx = 0, my = 0, mz = 0;
        for (int i = 0; i < n; i++) { mx += points[3 * i]; my += points[3 * i + 1]; mz += points[3 * i + 2]; }
        mx /= n; my /= n; mz /= n;
        var obj = new OpenCvSharp.Point3f[n];
        var img = new OpenCvSharp.Point2f[n];
        for (int i = 0; i < n; i++)
        {
            obj[i] = new OpenCvSharp.Point3f((float)(points[3 * i] - mx), (float)(points[3 * i + 1] - my), (float)(points[3 * i + 2] - mz));
            img[i] = new OpenCvSharp.Point2f((float)pixels[2 * i], (float)pixels[2 * i + 1]);
        }
        using var objMat = OpenCvSharp.Mat.FromArray(obj);
        using var imgMat = OpenCvSharp.Mat.FromArray(img);
        using var kMat = OpenCvSharp.Mat.FromPixelData(3, 3, OpenCvSharp.MatType.CV_64FC1,
            new double[] { k.Fx, 0, k.Cx, 0, k.Fy, k.Cy, 0, 0, 1 });
        using var distMat = OpenCvSharp.Mat.FromPixelData(1, 4, OpenCvSharp.MatType.CV_64FC1, new double[] { k.K1, k.K2, 0, 0 });
        using var rvec = new OpenCvSharp.Mat();
        using var tvec = new OpenCvSharp.Mat();
        using var inlierMat = new OpenCvSharp.Mat();
        float threshold = (float)(reprojectionDiagRatio * k.Diagonal);
        OpenCvSharp.Cv2.SolvePnPRansac(objMat, imgMat, kMat, distMat, rvec, tvec, false, 10000, threshold, 0.9999, inlierMat,
            OpenCvSharp.SolvePnPMethod.SQPNP);
        if (inlierMat.Empty() || inlierMat.Total() < 4 || rvec.Empty()) return null;
        var inliers = new int[inlierMat.Total()];
        for (int i = 0; i < inliers.Length; i++) inliers[i] = inlierMat.At<int>(i);
        using var inObj = OpenCvSharp.Mat.FromArray(inliers.Select(i => obj[i]).ToArray());
        using var inImg = OpenCvSharp.Mat.FromArray(inliers.Select(i => img[i]).ToArray());
        OpenCvSharp.Cv2.SolvePnP(inObj, inImg, kMat, distMat, rvec, tvec, true, OpenCvSharp.SolvePnPMethod.Iterative);
        using var rMat = new OpenCvSharp.Mat();
        OpenCvSharp.Cv2.Rodrigues(rvec, rMat);
        var r = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                r[i, j] = rMat.At<double>(i, j);
        var tv = new[] { tvec.At<double>(0), tvec.At<double>(1), tvec.At<double>(2) };
        // x_cam = R(X − m) + t  ⇒  translation for world X is t − R·m.
        var t = tv;
        for (int i = 0; i < 3; i++) t[i] -= r[i, 0] * mx + r[i, 1] * my + r[i, 2] * mz;
        if (t.Any(double.IsNaN)) return null;
        return new Result(new Pose(r, t), inliers.Length);
    }
}
