namespace Mast3r.Images;

/// <summary>The two Pillow filters <c>load_images</c> can pick (Pillow <c>Resample.c</c>, <c>filter</c> structs).</summary>
internal enum ResampleFilter
{
    /// <summary>Keys cubic convolution with a = −0.5, support 2 (used when enlarging).</summary>
    Bicubic,

    /// <summary>sinc(x)·sinc(x/3) truncated to [−3, 3), support 3 (used when shrinking).</summary>
    Lanczos,

    /// <summary>Triangle 1 − |x|, support 1: Pillow's 8-bit BILINEAR. torchvision's antialiased bilinear on float
    /// tensors (the visloc views and <c>--max_image_size</c>) is the same kernel without fixed point:
    /// <see cref="AntialiasedBilinear"/>.</summary>
    Bilinear,
}

/// <summary>Kernel functions in double precision, written to evaluate in the same order as Pillow's C code so the
/// fixed-point weights (and hence every output byte) come out identical.</summary>
internal static class ResampleKernels
{
    public static double Support(ResampleFilter filter) => filter switch
    {
        ResampleFilter.Bicubic => 2.0,
        ResampleFilter.Lanczos => 3.0,
        ResampleFilter.Bilinear => 1.0,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "unknown resampling filter"),
    };

    public static double Evaluate(ResampleFilter filter, double x) => filter switch
    {
        ResampleFilter.Bicubic => Bicubic(x),
        ResampleFilter.Lanczos => Lanczos(x),
        ResampleFilter.Bilinear => Math.Max(1.0 - Math.Abs(x), 0.0),
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "unknown resampling filter"),
    };

    // Pillow Resample.c bicubic_filter: the polynomial is factored exactly as there; a different factorisation
    // can move a weight by one ulp and flip a fixed-point rounding.
    public static double Bicubic(double x)
    {
        const double a = -0.5;
        if (x < 0.0) x = -x;
        if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }

    // Pillow Resample.c lanczos_filter / sinc_filter. The interval is half-open, as in Pillow.
    public static double Lanczos(double x)
    {
        if (-3.0 <= x && x < 3.0) return Sinc(x) * Sinc(x / 3);
        return 0.0;
    }

    private static double Sinc(double x)
    {
        if (x == 0.0) return 1.0;
        x *= Math.PI;
        return Math.Sin(x) / x;
    }
}
