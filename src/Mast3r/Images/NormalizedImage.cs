namespace Mast3r.Images;

/// <summary>
/// An RGB image as the network sees it: planar (CHW) float32 values in [−1, 1], the output of dust3r's <c>ImgNorm</c>
/// (torchvision <c>ToTensor</c> then <c>Normalize(0.5, 0.5)</c>). The visloc views are cropped and resized in this
/// form (dust3r_visloc <c>get_resize_function</c>, mast3r <c>visloc.py</c> <c>resize_image_to_max</c> and <c>crop</c>),
/// never through 8-bit pixels, except where upstream itself converts (<see cref="ToBytesTruncated"/>).
/// </summary>
internal sealed class NormalizedImage
{
    public NormalizedImage(float[] data, int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"empty image {width}x{height}");
        if (data.Length != 3 * width * height)
            throw new ArgumentException($"buffer of {data.Length} floats does not hold 3x{height}x{width}", nameof(data));
        Data = data;
        Width = width;
        Height = height;
    }

    /// <summary>Planar values, channel-major: Data[c·H·W + y·W + x].</summary>
    public float[] Data { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary><c>ImgNorm</c> of interleaved RGB bytes: (u8/255 − 0.5)/0.5 in float32, the order torchvision uses.</summary>
    public static NormalizedImage FromRgb(byte[] rgb, int width, int height) =>
        FromBytes(rgb, width, height, u => (u / 255f - 0.5f) / 0.5f);

    /// <summary>The way back of visloc's homography crop, <c>2·u8/255 − 1</c> in float32 (a different rounding from
    /// <see cref="FromRgb"/>, kept as upstream has it).</summary>
    public static NormalizedImage FromVislocBytes(byte[] rgb, int width, int height) =>
        FromBytes(rgb, width, height, u => 2f * u / 255f - 1f);

    /// <summary>
    /// Visloc's float → 8-bit conversion before a PIL warp, <c>(255·(img + 1)/2).to(uint8)</c>: float32, truncated
    /// toward zero (not rounded). Values are clamped to [0, 255] first (they are in range for any ImgNorm'd image and
    /// any convex resize of one). Interleaved RGB.
    /// </summary>
    public byte[] ToBytesTruncated()
    {
        int plane = Width * Height;
        var rgb = new byte[3 * plane];
        for (int i = 0; i < plane; i++)
            for (int c = 0; c < 3; c++)
            {
                float v = 255f * (Data[c * plane + i] + 1f) / 2f;
                rgb[3 * i + c] = v <= 0f ? (byte)0 : v >= 255f ? (byte)255 : (byte)v;
            }
        return rgb;
    }

    /// <summary>The pixels [left, left + width) × [top, top + height) (a tensor slice).</summary>
    public NormalizedImage Crop(int left, int top, int width, int height)
    {
        if (left < 0 || top < 0 || width <= 0 || height <= 0 || left + width > Width || top + height > Height)
            throw new ArgumentOutOfRangeException(nameof(left), $"crop {width}x{height} at ({left}, {top}) outside the {Width}x{Height} image");
        var dst = new float[3 * width * height];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < height; y++)
                Array.Copy(Data, c * Width * Height + (top + y) * Width + left, dst, (c * height + y) * width, width);
        return new NormalizedImage(dst, width, height);
    }

    /// <summary>torchvision's antialiased bilinear <c>Resize</c> (<see cref="AntialiasedBilinear"/>).</summary>
    public NormalizedImage Resize(int width, int height) =>
        width == Width && height == Height ? this : new NormalizedImage(AntialiasedBilinear.Resize(Data, 3, Width, Height, width, height), width, height);

    /// <summary>The network input: these values as the tensor, the truncated bytes as <see cref="PreprocessedImage.Rgb"/> (figures).</summary>
    public PreprocessedImage ToPreprocessed(string source, double[]? pixelToSource) =>
        new(ToBytesTruncated(), Height, Width, source) { Normalized = Data, PixelToSource = pixelToSource };

    private static NormalizedImage FromBytes(byte[] rgb, int width, int height, Func<byte, float> map)
    {
        if (rgb.Length != 3 * width * height)
            throw new ArgumentException($"buffer of {rgb.Length} bytes does not hold {width}x{height}x3", nameof(rgb));
        int plane = width * height;
        var data = new float[3 * plane];
        for (int i = 0; i < plane; i++)
            for (int c = 0; c < 3; c++)
                data[c * plane + i] = map(rgb[3 * i + c]);
        return new NormalizedImage(data, width, height);
    }
}
