namespace Mast3r.Images;

/// <summary>
/// An image after the official <c>load_images(size=512)</c> preprocessing: resized, centre-cropped to multiples of
/// 16, still 8-bit RGB (HWC, row-major). Normalisation to [-1, 1] happens when it is turned into a tensor.
/// </summary>
/// <param name="Rgb">Interleaved RGB bytes, length Height·Width·3.</param>
/// <param name="Height">Cropped height (multiple of 16); the official <c>true_shape[0]</c>.</param>
/// <param name="Width">Cropped width (multiple of 16); the official <c>true_shape[1]</c>.</param>
/// <param name="Source">Where the image came from (a path or a description), for messages and provenance.</param>
public sealed record PreprocessedImage(byte[] Rgb, int Height, int Width, string Source)
{
    /// <summary>
    /// Where the pixels come from, when not from the <c>load_images</c> resize + centre crop (null): a row-major 3×3
    /// homography taking a pixel of this image to the pixel of the decoded image named by <see cref="Source"/> that it
    /// shows, both in the OpenCV convention (centre of the top-left pixel at (0, 0)). Set by the coarse-to-fine crops
    /// (translation, or a homography for <c>--c2f_crop_with_homography</c>, composed with any max-size resize); read by
    /// the synthetic ground-truth oracle, which ray-casts through it.
    /// </summary>
    public double[]? PixelToSource { get; init; }

    /// <summary>
    /// The network input values when they are not the normalised <see cref="Rgb"/> bytes (null): planar (CHW) float32 in
    /// [−1, 1], length 3·Height·Width. Set by the visloc views, which crop and resize the normalised float image as
    /// dust3r_visloc does (no 8-bit rounding); <see cref="Rgb"/> then holds the truncated 8-bit version, for figures.
    /// </summary>
    public float[]? Normalized { get; init; }

    /// <summary>Float32 [1,3,H,W]: <see cref="Normalized"/> when set, else value = (u8/255 − 0.5)/0.5 as the official
    /// loader produces.</summary>
    public TorchSharp.torch.Tensor ToTensor()
    {
        if (Normalized is { } given)
        {
            if (given.Length != 3 * Height * Width)
                throw new InvalidOperationException($"{Source}: the normalised payload holds {given.Length} values, not 3x{Height}x{Width}");
            // A copy: the tensor must not alias (or be aliased by) the record's array.
            return TorchSharp.torch.tensor((float[])given.Clone(), new long[] { 1, 3, Height, Width });
        }
        var values = new float[3 * Height * Width];
        int plane = Height * Width;
        for (int i = 0; i < plane; i++)
            for (int c = 0; c < 3; c++)
                values[c * plane + i] = (Rgb[i * 3 + c] / 255f - 0.5f) / 0.5f;
        return TorchSharp.torch.tensor(values, new long[] { 1, 3, Height, Width });
    }
}
