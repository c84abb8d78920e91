namespace Mast3r.Images;

/// <summary>
/// A crop replaced by a homography that keeps the principal point centred (naver/mast3r
/// <c>mast3r/datasets/utils/cropping.py</c>, <c>crop_to_homography</c> and <c>_rotation_origin_to_pt</c>; used by visloc
/// <c>--c2f_crop_with_homography</c>): the crop keeps its size and focal length, its principal point moves to
/// (width/2, height/2), and a camera rotation R makes the crop corner farthest from the original principal point (per
/// axis) see the same ray as before. H = K·R·K₂⁻¹ maps a crop pixel to a source pixel, normalised so H[2,2] = 1.
/// </summary>
internal static class HomographyCrop
{
    /// <summary>The homography (row-major 3×3) of the crop [left, right) × [top, bottom) for intrinsics (fx, fy, cx, cy).</summary>
    public static double[] For(double fx, double fy, double cx, double cy, int left, int top, int right, int bottom)
    {
        int w = right - left, h = bottom - top;
        if (w <= 0 || h <= 0) throw new ArgumentException($"empty crop [{left}, {right}) x [{top}, {bottom})");
        // Per axis, the crop edge farthest from the principal point (the first on ties), and the same edge of the target.
        bool farRight = Math.Abs(right - cx) > Math.Abs(left - cx), farBottom = Math.Abs(bottom - cy) > Math.Abs(top - cy);
        double cornerX = farRight ? right : left, cornerY = farBottom ? bottom : top;
        double targetX = farRight ? w : 0, targetY = farBottom ? h : 0;
        var oldRay = ((cornerX - cx) / fx, (cornerY - cy) / fy);
        var newRay = ((targetX - w / 2.0) / fx, (targetY - h / 2.0) / fy);
        var r = Multiply3(AxisToRay(oldRay), Transpose3(AxisToRay(newRay)));
        var k = new double[] { fx, 0, cx, 0, fy, cy, 0, 0, 1 };
        var k2Inverse = new double[] { 1 / fx, 0, -w / 2.0 / fx, 0, 1 / fy, -h / 2.0 / fy, 0, 0, 1 };
        var hom = Multiply3(Multiply3(k, r), k2Inverse);
        double s = hom[8];
        return hom.Select(v => v / s).ToArray();
    }

    /// <summary>
    /// The rotation taking the optical axis (0, 0, 1) onto the ray (x, y, 1): intrinsic ZYZ Euler angles
    /// (atan2(y, x), atan(‖(x, y)‖), −atan2(y, x)), i.e. Rz(a)·Ry(b)·Rz(−a).
    /// </summary>
    internal static double[] AxisToRay((double X, double Y) ray)
    {
        double a = Math.Atan2(ray.Y, ray.X), b = Math.Atan(Math.Sqrt(ray.X * ray.X + ray.Y * ray.Y));
        return Multiply3(Multiply3(Rz(a), Ry(b)), Rz(-a));
    }

    private static double[] Rz(double a) => new[] { Math.Cos(a), -Math.Sin(a), 0, Math.Sin(a), Math.Cos(a), 0, 0, 0, 1 };
    private static double[] Ry(double b) => new[] { Math.Cos(b), 0, Math.Sin(b), 0, 1, 0, -Math.Sin(b), 0, Math.Cos(b) };
    private static double[] Multiply3(double[] a, double[] b) => PixelMaps.Multiply(a, b);
    private static double[] Transpose3(double[] m) => new[] { m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8] };

    /// <summary>
    /// What a crop pixel shows under Pillow's perspective transform with <paramref name="h"/>: Pillow maps the output
    /// pixel centre (x + 0.5, y + 0.5) through H in corner coordinates, so in the OpenCV convention the content map is
    /// T(−½)·H·T(+½). (The official pipeline maps matches back with H itself on integer pixels; that is kept there.)
    /// </summary>
    public static double[] ContentMap(double[] h) =>
        PixelMaps.Multiply(PixelMaps.Translation(-0.5, -0.5), PixelMaps.Multiply(h, PixelMaps.Translation(0.5, 0.5)));
}
