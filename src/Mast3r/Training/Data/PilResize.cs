namespace Mast3r.Training.Data;

/// <summary>
/// Pillow's <c>Image.resize</c> for 8-bit RGB (libImaging <c>Resample.c</c> behaviour): separable convolution,
/// horizontal pass first, filter support widened by the downscale factor (antialiasing), coefficients normalised
/// to 22-bit fixed point, rounding and clipping to 8 bits after each pass. The dust3r datasets and the CO3D
/// preprocessing resize with LANCZOS when shrinking and BICUBIC when enlarging.
/// </summary>
internal static class PilResize
{
    private const int PrecisionBits = 32 - 8 - 2;

    internal enum Filter { Bicubic, Lanczos }

    /// <summary>Resizes an H×W×C byte image (row-major, interleaved) to <paramref name="outW"/>×<paramref name="outH"/>.</summary>
    public static byte[] Resize(byte[] src, int width, int height, int channels, int outW, int outH, Filter filter)
    {
        var tmp = outW == width ? src : Pass(src, width, height, channels, outW, filter, horizontal: true);
        return outH == height ? tmp : Pass(tmp, outW, height, channels, outH, filter, horizontal: false);
    }

    private static byte[] Pass(byte[] src, int width, int height, int channels, int outSize, Filter filter, bool horizontal)
    {
        int inSize = horizontal ? width : height;
        var (bounds, coeffs, ksize) = Coefficients(inSize, outSize, filter);
        int outW = horizontal ? outSize : width, outH = horizontal ? height : outSize;
        var dst = new byte[outW * outH * channels];
        for (int y = 0; y < outH; y++)
            for (int x = 0; x < outW; x++)
            {
                int o = horizontal ? x : y;
                int min = bounds[2 * o], count = bounds[2 * o + 1];
                for (int c = 0; c < channels; c++)
                {
                    int ss = 1 << (PrecisionBits - 1);
                    for (int k = 0; k < count; k++)
                    {
                        int sx = horizontal ? min + k : x, sy = horizontal ? y : min + k;
                        ss += src[(sy * width + sx) * channels + c] * coeffs[o * ksize + k];
                    }
                    dst[(y * outW + x) * channels + c] = Clip8(ss);
                }
            }
        return dst;
    }

    private static byte Clip8(int v)
    {
        if (v >= (1 << PrecisionBits << 8)) return 255;
        if (v <= 0) return 0;
        return (byte)(v >> PrecisionBits);
    }

    private static (int[] Bounds, int[] Coeffs, int KSize) Coefficients(int inSize, int outSize, Filter filter)
    {
        double support0 = filter == Filter.Lanczos ? 3.0 : 2.0;
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = support0 * filterScale;
        int ksize = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[outSize * 2];
        var coeffs = new int[outSize * ksize];
        var k = new double[ksize];
        for (int xx = 0; xx < outSize; xx++)
        {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.Max((int)(center - support + 0.5), 0);
            int xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            double ww = 0;
            for (int x = 0; x < xmax; x++)
            {
                double w = Evaluate(filter, (x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++)
            {
                double v = ww != 0 ? k[x] / ww : k[x];
                coeffs[xx * ksize + x] = (int)(v < 0 ? Math.Truncate(-0.5 + v * (1 << PrecisionBits)) : Math.Truncate(0.5 + v * (1 << PrecisionBits)));
            }
            bounds[2 * xx] = xmin;
            bounds[2 * xx + 1] = xmax;
        }
        return (bounds, coeffs, ksize);
    }

    private static double Evaluate(Filter filter, double x) => filter == Filter.Lanczos ? Lanczos(x) : Bicubic(x);

    private static double Sinc(double x)
    {
        if (x == 0.0) return 1.0;
        x *= Math.PI;
        return Math.Sin(x) / x;
    }

    private static double Lanczos(double x) => x >= -3.0 && x < 3.0 ? Sinc(x) * Sinc(x / 3) : 0.0;

    private static double Bicubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }
}
