namespace Mast3r.Images;

/// <summary>
/// The size arithmetic of dust3r <c>load_images</c> / <c>_resize_pil_image</c> (architecture-spec.md §4.1): which
/// size and filter the resize uses, and the centre crop to multiples of 16 with the square rule.
/// </summary>
internal static class LoadGeometry
{
    /// <summary>The resize target and filter; <c>Filter</c> is null when the size does not change (Pillow copies).</summary>
    internal readonly record struct ResizePlan(int Width, int Height, ResampleFilter? Filter);

    /// <summary>A crop box in pixels, right/bottom exclusive.</summary>
    internal readonly record struct CropBox(int Left, int Top, int Right, int Bottom)
    {
        public int Width => Right - Left;
        public int Height => Bottom - Top;
    }

    /// <summary>
    /// Long side to <paramref name="longEdge"/>; each side scaled with Python's round (half to even) of a double
    /// quotient. LANCZOS when shrinking (S &gt; long edge), BICUBIC otherwise.
    /// </summary>
    public static ResizePlan PlanResize(int width, int height, int longEdge)
    {
        int s = Math.Max(width, height);
        int w = (int)Math.Round((double)((long)width * longEdge) / s, MidpointRounding.ToEven);
        int h = (int)Math.Round((double)((long)height * longEdge) / s, MidpointRounding.ToEven);
        if (w == width && h == height) return new ResizePlan(w, h, null);
        return new ResizePlan(w, h, s > longEdge ? ResampleFilter.Lanczos : ResampleFilter.Bicubic);
    }

    /// <summary>
    /// Size 224 resizes the short side to 224: the long edge becomes round(224·max(W/H, H/W)).
    /// </summary>
    public static int LongEdgeFor224(int width, int height)
        => (int)Math.Round(224 * Math.Max((double)width / height, (double)height / width), MidpointRounding.ToEven);

    /// <summary>
    /// The centre crop to multiples of 16: half sizes 8·⌊2c/16⌋ around c = ⌊size/2⌋; a square image keeps only
    /// the central ¾ of its rows (landscape 4:3) unless <paramref name="squareOk"/>.
    /// </summary>
    public static CropBox CentreCrop16(int width, int height, bool squareOk = false)
    {
        int cx = width / 2, cy = height / 2;
        int halfW = 2 * cx / 16 * 8, halfH = 2 * cy / 16 * 8;
        // The official value is the float 3·halfw/4; halfw is a multiple of 8, so it is an integer.
        if (!squareOk && width == height) halfH = 3 * halfW / 4;
        return new CropBox(cx - halfW, cy - halfH, cx + halfW, cy + halfH);
    }

    /// <summary>The size-224 crop: the largest centred square.</summary>
    public static CropBox CentreSquare(int width, int height)
    {
        int cx = width / 2, cy = height / 2, half = Math.Min(cx, cy);
        return new CropBox(cx - half, cy - half, cx + half, cy + half);
    }

    // The trained aspect ratios (width:height) of dust3r_visloc ratios_resolutions at 512.
    private static readonly (int Num, int Den)[] TrainedRatios = { (4, 3), (32, 21), (16, 9), (2, 1), (16, 5) };

    /// <summary>
    /// The network resolution of an image's aspect ratio (dust3r_visloc <c>get_HW_resolution</c>, protocols.md §1.2
    /// step 3): the nearest of the trained ratios 4/3, 32/21, 16/9, 2/1, 16/5 (first on ties; H/W for portrait), long side
    /// <paramref name="maxdim"/>, short side maxdim/ratio floored to a multiple of 16. At 512 this is the official table
    /// (512×384/336/288/256/160, transposed for portrait); other long sides are our generalisation (the official table
    /// exists for 512 only), used by the synthetic suite's smaller networks.
    /// </summary>
    public static (int Width, int Height) AspectResolution(int width, int height, int maxdim = 512)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}x{height} must be positive");
        if (maxdim < 16 || maxdim % 16 != 0) throw new ArgumentOutOfRangeException(nameof(maxdim), maxdim, "maxdim must be a positive multiple of 16");
        bool landscape = width >= height;
        double ratio = (double)width / height;
        int best = 0;
        double bestDiff = double.PositiveInfinity;
        for (int i = 0; i < TrainedRatios.Length; i++)
        {
            double r = (double)TrainedRatios[i].Num / TrainedRatios[i].Den;
            double diff = Math.Abs(ratio - (landscape ? r : 1 / r));
            if (diff < bestDiff) (best, bestDiff) = (i, diff);
        }
        int shortSide = maxdim * TrainedRatios[best].Den / TrainedRatios[best].Num / 16 * 16;
        return landscape ? (maxdim, shortSide) : (shortSide, maxdim);
    }

    /// <summary>Copies a crop out of interleaved pixels.</summary>
    public static byte[] Crop(byte[] src, int width, int channels, CropBox box)
    {
        var dst = new byte[box.Width * box.Height * channels];
        int rowBytes = box.Width * channels;
        for (int y = 0; y < box.Height; y++)
            Buffer.BlockCopy(src, ((box.Top + y) * width + box.Left) * channels, dst, y * rowBytes, rowBytes);
        return dst;
    }
}
