using System.Globalization;
using Mast3r.Geometry;

namespace Mast3r.Localization;

/// <summary>
/// Settings of the visloc pipeline (protocols.md §1.2; README flags <c>--pixel_tol 5 --reprojection_error_diag_ratio
/// 0.008</c>, confidence threshold 1.001; coarse-to-fine <c>--coarse_to_fine --max_batch_size 48
/// --c2f_crop_with_homography [--max_image_size 1200]</c>). <see cref="ImageSize"/> is the network long side (maxdim).
/// Part of the prediction-cache key: changing any of them invalidates a cache.
/// </summary>
internal sealed record VislocSettings(int TopK, int ImageSize = 512, double PixelTolerance = 5, double DescConfThreshold = 1.001,
    double ReprojectionDiagRatio = 0.008, int MaxMatches = 100_000, int Seed = 0)
{
    /// <summary>Matching (default) or direct regression (<see cref="DirectRegressionLocalizer"/>: PnP on the regressed pointmap).</summary>
    public LocalizationMode Mode { get; init; } = LocalizationMode.Matching;

    /// <summary>Pixel selection of the direct-regression mode.</summary>
    public DirectRegressionSettings DirectRegression { get; init; } = new();

    /// <summary><c>--coarse_to_fine</c>: window pairs at native (max-size) resolution when the query exceeds the network size.</summary>
    public bool CoarseToFine { get; init; }

    /// <summary><c>--max_image_size</c>: long-side limit of the fine resolution (null = the original images).</summary>
    public int? MaxImageSize { get; init; }

    /// <summary><c>--c2f_crop_with_homography</c>: crops warped so that their principal point is centred.</summary>
    public bool CropWithHomography { get; init; }

    /// <summary><c>--max_batch_size</c>: crop pairs per predictor call.</summary>
    public int MaxBatch { get; init; } = 48;

    /// <summary><c>--pnp_mode</c>: poselib in every README command (protocols.md §1.2 step 9); not part of the official label.</summary>
    public PnpMode PnpMode { get; init; } = PnpMode.Poselib;

    /// <summary>Canonical text for the cache key.</summary>
    public string CacheText() => string.Create(CultureInfo.InvariantCulture,
        $"visloc/v4 views=get_resize_function topk={TopK} size={ImageSize} pixel_tol={PixelTolerance} conf={DescConfThreshold} diag={ReprojectionDiagRatio} max={MaxMatches} seed={Seed} " +
        $"c2f={CoarseToFine} max_image_size={MaxImageSize?.ToString(CultureInfo.InvariantCulture) ?? "none"} homography={CropWithHomography} max_batch={MaxBatch} pnp={PnpMode}")
        + (Mode == LocalizationMode.DirectRegression ? " mode=direct-regression " + DirectRegression.CacheText() : "");

    /// <summary>The official result label (<c>visloc.py</c>): <c>tol_&lt;pixel_tol&gt;[_c2f][_&lt;max_image_size&gt;][_with_homography]_conf_&lt;thr&gt;_reproj_diag_&lt;ratio&gt;</c>;
    /// the submission is <c>&lt;label&gt;_ltvl.txt</c>.</summary>
    /// <remarks>The direct-regression mode has no official label; ours names its pixel rule instead of the matching values.</remarks>
    public string Label() => Mode == LocalizationMode.DirectRegression
        ? string.Create(CultureInfo.InvariantCulture,
            $"direct_reg_stride_{DirectRegression.Stride}_conf3d_{DirectRegression.MinConfidence}_reproj_diag_{ReprojectionDiagRatio}")
        : string.Create(CultureInfo.InvariantCulture,
        $"tol_{PixelTolerance}{(CoarseToFine ? "_c2f" : "")}{(MaxImageSize is { } m ? $"_{m}" : "")}{(CoarseToFine && CropWithHomography ? "_with_homography" : "")}" +
        $"_conf_{DescConfThreshold}_reproj_diag_{ReprojectionDiagRatio}");
}
