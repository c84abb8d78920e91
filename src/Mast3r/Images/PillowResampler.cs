namespace Mast3r.Images;

/// <summary>
/// Pillow's 8-bit separable resampler (Pillow <c>libImaging/Resample.c</c>: <c>precompute_coeffs</c>,
/// <c>normalize_coeffs_8bpc</c>, <c>ImagingResampleHorizontal_8bpc</c>/<c>Vertical_8bpc</c>), reimplemented from the
/// description in architecture-spec.md §4.1. Horizontal pass first into an 8-bit temporary, then vertical; weights
/// in fixed point with 22 fractional bits. Only full-image boxes are supported (what <c>Image.resize</c> uses here).
/// </summary>
internal static class PillowResampler
{
    internal const int PrecisionBits = 32 - 8 - 2;

    /// <summary>Per output coordinate: first input index, number of taps, and fixed-point weights.</summary>
    internal sealed record Coefficients(int KernelSize, int[] Start, int[] Count, int[] Weights);

    /// <summary>Resizes interleaved 8-bit pixels. Returns a copy when the size does not change (Pillow does too).</summary>
    public static byte[] Resize(byte[] src, int width, int height, int channels, int newWidth, int newHeight, ResampleFilter filter)
    {
        if (width <= 0 || height <= 0 || newWidth <= 0 || newHeight <= 0)
            throw new ArgumentOutOfRangeException(nameof(newWidth), $"cannot resize {width}x{height} to {newWidth}x{newHeight}");
        if (src.Length != width * height * channels)
            throw new ArgumentException($"buffer of {src.Length} bytes does not hold {width}x{height}x{channels}", nameof(src));

        byte[] current = src;
        int curWidth = width;
        if (newWidth != width)
        {
            current = Horizontal(current, width, height, channels, newWidth, Precompute(width, newWidth, filter));
            curWidth = newWidth;
        }
        if (newHeight != height)
            current = Vertical(current, curWidth, height, channels, newHeight, Precompute(height, newHeight, filter));
        return ReferenceEquals(current, src) ? (byte[])src.Clone() : current;
    }

    /// <summary>Pillow <c>precompute_coeffs</c> + <c>normalize_coeffs_8bpc</c> for the box [0, inSize).</summary>
    internal static Coefficients Precompute(int inSize, int outSize, ResampleFilter filter)
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = ResampleKernels.Support(filter) * filterScale;
        int kernelSize = (int)Math.Ceiling(support) * 2 + 1;
        var start = new int[outSize];
        var count = new int[outSize];
        var weights = new int[outSize * kernelSize];
        var taps = new double[kernelSize];
        double inverse = 1.0 / filterScale;
        for (int xx = 0; xx < outSize; xx++)
        {
            double centre = (xx + 0.5) * scale;
            // C casts truncate toward zero; both bounds are then clamped to the image.
            int xmin = Math.Max(0, (int)(centre - support + 0.5));
            int xmax = Math.Min(inSize, (int)(centre + support + 0.5)) - xmin;
            double sum = 0.0;
            for (int x = 0; x < xmax; x++)
            {
                double w = ResampleKernels.Evaluate(filter, (x + xmin - centre + 0.5) * inverse);
                taps[x] = w;
                sum += w;
            }
            for (int x = 0; x < xmax; x++)
            {
                double w = sum != 0.0 ? taps[x] / sum : taps[x];
                weights[xx * kernelSize + x] = w < 0
                    ? (int)(-0.5 + w * (1 << PrecisionBits))
                    : (int)(0.5 + w * (1 << PrecisionBits));
            }
            start[xx] = xmin;
            count[xx] = xmax;
        }
        return new Coefficients(kernelSize, start, count, weights);
    }

    private static byte[] Horizontal(byte[] src, int width, int height, int channels, int newWidth, Coefficients k)
    {
        var dst = new byte[newWidth * height * channels];
        Parallel.For(0, height, y =>
        {
            int rowIn = y * width * channels, rowOut = y * newWidth * channels;
            for (int xx = 0; xx < newWidth; xx++)
            {
                int offset = xx * k.KernelSize, xmin = k.Start[xx], n = k.Count[xx];
                for (int c = 0; c < channels; c++)
                {
                    int acc = 1 << (PrecisionBits - 1);
                    for (int x = 0; x < n; x++)
                        acc += src[rowIn + (x + xmin) * channels + c] * k.Weights[offset + x];
                    dst[rowOut + xx * channels + c] = Clip8(acc);
                }
            }
        });
        return dst;
    }

    private static byte[] Vertical(byte[] src, int width, int height, int channels, int newHeight, Coefficients k)
    {
        int stride = width * channels;
        var dst = new byte[newHeight * stride];
        Parallel.For(0, newHeight, yy =>
        {
            int offset = yy * k.KernelSize, ymin = k.Start[yy], n = k.Count[yy];
            for (int i = 0; i < stride; i++)
            {
                int acc = 1 << (PrecisionBits - 1);
                for (int y = 0; y < n; y++)
                    acc += src[(y + ymin) * stride + i] * k.Weights[offset + y];
                dst[yy * stride + i] = Clip8(acc);
            }
        });
        return dst;
    }

    // Pillow clip8: arithmetic shift (negative sums stay negative) then clamp.
    private static byte Clip8(int acc)
    {
        int v = acc >> PrecisionBits;
        return v < 0 ? (byte)0 : v > 255 ? (byte)255 : (byte)v;
    }
}
