namespace Mast3r.Images;

/// <summary>
/// Pillow's <c>Image.transform(size, PERSPECTIVE, coefficients, resample)</c> (libImaging <c>Geometry.c</c>:
/// <c>perspective_transform</c>, <c>bicubic_filter32RGB</c>, <c>nearest_filter*</c>), reimplemented from its documented
/// behaviour: output pixel (x, y) samples the source at H·(x + 0.5, y + 0.5) (corner coordinates, H[2,2] = 1); a sample
/// outside [0, W) × [0, H) gives the fill (0). Bicubic: Pillow's cubic with p = v₂ + d(−v₁ + v₃ + d(2(v₁ − v₂) + v₃ − v₄
/// + d(−v₁ + v₂ − v₃ + v₄))) on the 4×4 neighbourhood of the sample − 0.5 (edges clamped), clipped to [0, 255] and
/// truncated. Nearest: the pixel containing the sample.
/// </summary>
internal static class PerspectiveWarp
{
    /// <summary>Warps interleaved RGB bytes (bicubic, black fill).</summary>
    public static byte[] Bicubic(byte[] rgb, int width, int height, double[] h, int outWidth, int outHeight)
    {
        var dst = new byte[outWidth * outHeight * 3];
        var rows = new double[4];
        for (int y = 0; y < outHeight; y++)
            for (int x = 0; x < outWidth; x++)
            {
                var (sx, sy) = Sample(h, x, y);
                if (!(sx >= 0 && sx < width && sy >= 0 && sy < height)) continue;
                double fx = sx - 0.5, fy = sy - 0.5;
                int x0 = (int)Math.Floor(fx), y0 = (int)Math.Floor(fy);
                double dx = fx - x0, dy = fy - y0;
                for (int c = 0; c < 3; c++)
                {
                    for (int j = 0; j < 4; j++)
                    {
                        int row = Math.Clamp(y0 - 1 + j, 0, height - 1) * width;
                        rows[j] = Cubic(rgb[(row + Math.Clamp(x0 - 1, 0, width - 1)) * 3 + c], rgb[(row + Math.Clamp(x0, 0, width - 1)) * 3 + c],
                            rgb[(row + Math.Clamp(x0 + 1, 0, width - 1)) * 3 + c], rgb[(row + Math.Clamp(x0 + 2, 0, width - 1)) * 3 + c], dx);
                    }
                    double v = Cubic(rows[0], rows[1], rows[2], rows[3], dy);
                    dst[(y * outWidth + x) * 3 + c] = v <= 0 ? (byte)0 : v >= 255 ? (byte)255 : (byte)v;
                }
            }
        return dst;
    }

    /// <summary>Warps a per-pixel integer raster (e.g. indices of 3-D points) with nearest sampling; outside → <paramref name="fill"/>.</summary>
    public static int[] Nearest(int[] values, int width, int height, double[] h, int outWidth, int outHeight, int fill)
    {
        var dst = new int[outWidth * outHeight];
        for (int y = 0; y < outHeight; y++)
            for (int x = 0; x < outWidth; x++)
            {
                var (sx, sy) = Sample(h, x, y);
                int ix = sx < 0 ? -1 : (int)sx, iy = sy < 0 ? -1 : (int)sy;
                dst[y * outWidth + x] = ix >= 0 && ix < width && iy >= 0 && iy < height ? values[iy * width + ix] : fill;
            }
        return dst;
    }

    private static (double X, double Y) Sample(double[] h, int x, int y)
    {
        double u = x + 0.5, v = y + 0.5, w = h[6] * u + h[7] * v + 1;
        return ((h[0] * u + h[1] * v + h[2]) / w, (h[3] * u + h[4] * v + h[5]) / w);
    }

    private static double Cubic(double v1, double v2, double v3, double v4, double d) =>
        v2 + d * (-v1 + v3 + d * (2 * (v1 - v2) + v3 - v4 + d * (-v1 + v2 - v3 + v4)));
}
