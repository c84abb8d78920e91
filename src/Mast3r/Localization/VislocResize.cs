using Mast3r.Images;

namespace Mast3r.Localization;

/// <summary>
/// The network-input geometry of a visloc view (dust3r_visloc <c>datasets/utils.py</c>: <c>ratios_resolutions</c>,
/// <c>get_HW_resolution</c>, <c>get_resize_function</c>; protocols.md §1.2 step 3): an image already at a trained
/// resolution is used as is; otherwise the trained aspect ratio nearest to W/H (H/W for portrait) is picked, the image is
/// centre-cropped to that ratio with an <c>int()</c>-truncated size (torchvision <c>CenterCrop</c>) and resized to the
/// resolution (torchvision <c>Resize</c>, antialiased bilinear on the normalised float image).
/// <para><see cref="ToOrig"/> and <see cref="ToResize"/> are upstream's matrices in the COLMAP pixel convention (apply to
/// x + 0.5, subtract 0.5 after); their crop offset is the float (W − cropW)/2. torchvision's CenterCrop cuts at the
/// integer offset int(round((W − cropW)/2)) (round half to even), so when W − cropW is odd the pixels really come from
/// 0.5 px further than <see cref="ToOrig"/> says: an upstream sub-pixel quirk that the matches keep (they follow
/// <see cref="ToOrig"/>); <see cref="ContentToSource"/> follows the pixels.</para>
/// <para>The resolution table is <see cref="LoadGeometry.AspectResolution"/>: the official one at maxdim 512; other
/// sizes (the synthetic suite's small networks) are our generalisation, since upstream only has 512 (and a square 224
/// table for the 224 checkpoints, which MASt3R does not have).</para>
/// </summary>
internal sealed record VislocResize(int TargetWidth, int TargetHeight, int CropWidth, int CropHeight,
    double CropOffsetX, double CropOffsetY, int CropLeft, int CropTop, bool Identity)
{
    // np.finfo(np.float32).eps = 2⁻²³ (not C#'s float.Epsilon, the smallest subnormal).
    private const double Float32Epsilon = 1.1920928955078125e-07;

    /// <summary><c>get_resize_function(maxdim, patch_size, H, W)</c> for an image of width × height.</summary>
    public static VislocResize For(int width, int height, int maxDim)
    {
        // get_HW_resolution. An image whose [long, short] side pair is in the table has exactly that entry's ratio, so
        // the table lookup of upstream's identity test is the same as "already at its own target resolution".
        var (tw, th) = LoadGeometry.AspectResolution(width, height, maxDim);
        if (tw == width && th == height) return new VislocResize(width, height, width, height, 0, 0, 0, 0, true);
        double ratio = (double)width / height, targetRatio = (double)tw / th;
        int cropW = width, cropH = height;
        double offX = 0, offY = 0;
        if (Math.Abs(ratio - targetRatio) < Float32Epsilon)
        {
            // whole image
        }
        else if (ratio < targetRatio)
        {
            cropH = (int)(width / targetRatio);
            offY = (height - cropH) / 2.0;
        }
        else
        {
            cropW = (int)(height * targetRatio);
            offX = (width - cropW) / 2.0;
        }
        // torchvision CenterCrop: int(round((size − crop)/2.0)), Python round = half to even (Math.Round's default).
        int left = (int)Math.Round((width - cropW) / 2.0), top = (int)Math.Round((height - cropH) / 2.0);
        return new VislocResize(tw, th, cropW, cropH, offX, offY, left, top, false);
    }

    /// <summary>Upstream <c>to_orig</c> = to_orig_crop · diag(cropW/W_t, cropH/H_t, 1) (row-major 3×3, COLMAP convention).</summary>
    public double[] ToOrig => Identity ? PixelMaps.Identity()
        : new double[] { (double)CropWidth / TargetWidth, 0, CropOffsetX, 0, (double)CropHeight / TargetHeight, CropOffsetY, 0, 0, 1 };

    /// <summary>Upstream <c>to_resize</c> = diag(W_t/cropW, H_t/cropH, 1) · to_rescaled_crop (COLMAP convention).</summary>
    public double[] ToResize => Identity ? PixelMaps.Identity()
        : new double[]
        {
            (double)TargetWidth / CropWidth, 0, (double)TargetWidth / CropWidth * -CropOffsetX,
            0, (double)TargetHeight / CropHeight, (double)TargetHeight / CropHeight * -CropOffsetY, 0, 0, 1,
        };

    /// <summary>Where a network pixel's content really comes from in the original (OpenCV convention): the CenterCrop's
    /// integer offset, then the resize (pixel centres to pixel centres), for <see cref="PreprocessedImage.PixelToSource"/>.</summary>
    public double[] ContentToSource => Identity ? PixelMaps.Identity()
        : PixelMaps.Multiply(PixelMaps.Translation(CropLeft, CropTop),
            PixelMaps.ResizeToSource((double)CropWidth / TargetWidth, (double)CropHeight / TargetHeight));

    /// <summary>Applies the crop and resize to a normalised image of the planned size.</summary>
    public NormalizedImage Apply(NormalizedImage image)
    {
        if (Identity) return image;
        return image.Crop(CropLeft, CropTop, CropWidth, CropHeight).Resize(TargetWidth, TargetHeight);
    }
}
