namespace Mast3r.Images;

/// <summary>
/// 3×3 pixel maps (row-major double[9], homogeneous) between images in the OpenCV pixel convention (centre of the
/// top-left pixel at (0, 0)), as carried by <see cref="PreprocessedImage.PixelToSource"/>.
/// </summary>
internal static class PixelMaps
{
    public static double[] Identity() => new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 };

    /// <summary>x_src = x + dx, y_src = y + dy (a crop whose top-left pixel is source pixel (dx, dy)).</summary>
    public static double[] Translation(double dx, double dy) => new double[] { 1, 0, dx, 0, 1, dy, 0, 0, 1 };

    /// <summary>A resize seen from the small image: x_src = (x + 0.5)·sx − 0.5 (pixel centres stay pixel centres).</summary>
    public static double[] ResizeToSource(double sx, double sy) =>
        new double[] { sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5, 0, 0, 1 };

    /// <summary>a·b (apply b first).</summary>
    public static double[] Multiply(double[] a, double[] b)
    {
        var c = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
        return c;
    }

    /// <summary>The mapped point (homogeneous division).</summary>
    public static (double X, double Y) Apply(double[] h, double x, double y)
    {
        double w = h[6] * x + h[7] * y + h[8];
        return ((h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w);
    }

    /// <summary>The inverse map (adjugate over determinant).</summary>
    public static double[] Inverse(double[] h)
    {
        double a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7], l = h[8];
        double A = e * l - f * k, B = -(d * l - f * g), C = d * k - e * g;
        double det = a * A + b * B + c * C;
        if (Math.Abs(det) < 1e-300) throw new ArgumentException("the pixel map is singular");
        return new[]
        {
            A / det, -(b * l - c * k) / det, (b * f - c * e) / det,
            B / det, (a * l - c * g) / det, -(a * f - c * d) / det,
            C / det, -(a * k - b * g) / det, (a * e - b * d) / det,
        };
    }
}
