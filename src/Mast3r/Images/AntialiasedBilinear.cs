namespace Mast3r.Images;

/// <summary>
/// torchvision's default <c>Resize</c> of a float tensor (bilinear, <c>antialias=True</c>; ATen
/// <c>_upsample_bilinear2d_aa</c>, CPU kernel <c>separable_upsample_generic_Nd_kernel_impl</c> in
/// <c>UpSampleKernel.cpp</c>, helper <c>_compute_indices_min_size_weights_aa</c>), reimplemented from its documented
/// behaviour. Per axis scale = in/out, support = max(scale, 1), centre = (i + 0.5)·scale, taps
/// [int(centre − support + 0.5), int(centre + support + 0.5)) clamped to the image, weights = triangle((j − centre + 0.5)
/// / max(scale, 1)) normalised to sum 1. Same kernel as Pillow's BILINEAR (<see cref="PillowResampler"/>) but in float32
/// with no fixed point and no 8-bit rounding. The width pass (contiguous dimension) runs first, then the height pass, as
/// in ATen; an axis whose size does not change is skipped (identity when neither changes). Weights and sums are float32
/// like ATen's <c>scalar_t</c> path, so the output differs from torchvision by float rounding at most.
/// </summary>
internal static class AntialiasedBilinear
{
    /// <summary>Per output index: first input index, number of taps, and their normalised weights.</summary>
    internal sealed record Taps(int[] Start, int[] Count, float[][] Weights);

    /// <summary>Resizes planar (CHW) float values to newWidth × newHeight. Returns a copy when the size does not change.</summary>
    public static float[] Resize(float[] chw, int channels, int width, int height, int newWidth, int newHeight)
    {
        if (width <= 0 || height <= 0 || newWidth <= 0 || newHeight <= 0 || channels <= 0)
            throw new ArgumentOutOfRangeException(nameof(newWidth), $"cannot resize {channels}x{height}x{width} to {newHeight}x{newWidth}");
        if (chw.Length != channels * width * height)
            throw new ArgumentException($"buffer of {chw.Length} floats does not hold {channels}x{height}x{width}", nameof(chw));
        float[] current = chw;
        if (newWidth != width) current = Horizontal(current, channels * height, width, newWidth, Weights(width, newWidth));
        if (newHeight != height) current = Vertical(current, channels, height, newWidth, newHeight, Weights(height, newHeight));
        return ReferenceEquals(current, chw) ? (float[])chw.Clone() : current;
    }

    /// <summary>The taps of one axis (ATen <c>_compute_indices_min_size_weights_aa</c> with the bilinear triangle filter).</summary>
    internal static Taps Weights(int inSize, int outSize)
    {
        float scale = (float)inSize / outSize;
        float support = scale >= 1f ? scale : 1f;
        float inverse = scale >= 1f ? 1f / scale : 1f;
        int maxTaps = (int)Math.Ceiling(support) * 2 + 1;
        var start = new int[outSize];
        var count = new int[outSize];
        var weights = new float[outSize][];
        for (int i = 0; i < outSize; i++)
        {
            float centre = scale * (i + 0.5f);
            int xmin = Math.Max((int)(centre - support + 0.5f), 0);
            int xsize = Math.Clamp(Math.Min((int)(centre + support + 0.5f), inSize) - xmin, 0, maxTaps);
            var w = new float[xsize];
            float total = 0f;
            for (int j = 0; j < xsize; j++)
            {
                float t = Math.Abs((j + xmin - centre + 0.5f) * inverse);
                w[j] = t < 1f ? 1f - t : 0f;
                total += w[j];
            }
            if (total != 0f)
                for (int j = 0; j < xsize; j++) w[j] /= total;
            (start[i], count[i], weights[i]) = (xmin, xsize, w);
        }
        return new Taps(start, count, weights);
    }

    private static float[] Horizontal(float[] src, int rows, int width, int newWidth, Taps k)
    {
        var dst = new float[rows * newWidth];
        Parallel.For(0, rows, r =>
        {
            int rowIn = r * width, rowOut = r * newWidth;
            for (int x = 0; x < newWidth; x++)
            {
                var w = k.Weights[x];
                int first = rowIn + k.Start[x];
                float acc = 0f;
                for (int j = 0; j < w.Length; j++) acc += src[first + j] * w[j];
                dst[rowOut + x] = acc;
            }
        });
        return dst;
    }

    private static float[] Vertical(float[] src, int channels, int height, int width, int newHeight, Taps k)
    {
        var dst = new float[channels * newHeight * width];
        Parallel.For(0, channels * newHeight, cy =>
        {
            int c = cy / newHeight, y = cy % newHeight;
            var w = k.Weights[y];
            int planeIn = c * height * width, rowOut = cy * width;
            for (int x = 0; x < width; x++)
            {
                float acc = 0f;
                for (int j = 0; j < w.Length; j++) acc += src[planeIn + (k.Start[y] + j) * width + x] * w[j];
                dst[rowOut + x] = acc;
            }
        });
        return dst;
    }
}
