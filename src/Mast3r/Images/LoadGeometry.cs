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
