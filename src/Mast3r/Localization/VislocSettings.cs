using System.Globalization;

namespace Mast3r.Localization;

/// <summary>
/// Settings of the visloc pipeline (protocols.md §1.2; README flags <c>--pixel_tol 5 --reprojection_error_diag_ratio
/// 0.008</c>, confidence threshold 1.001). Part of the prediction-cache key: changing any of them invalidates a cache.
/// </summary>
internal sealed record VislocSettings(int TopK, int ImageSize = 512, double PixelTolerance = 5, double DescConfThreshold = 1.001,
    double ReprojectionDiagRatio = 0.008, int MaxMatches = 100_000, int Seed = 0)
{
    /// <summary>Matching (default) or direct regression (<see cref="DirectRegressionLocalizer"/>: PnP on the regressed pointmap).</summary>
    public LocalizationMode Mode { get; init; } = LocalizationMode.Matching;

    /// <summary>Pixel selection of the direct-regression mode.</summary>
    public DirectRegressionSettings DirectRegression { get; init; } = new();

    /// <summary>Canonical text for the cache key (the matching mode's text is unchanged, so existing caches stay valid).</summary>
    public string CacheText() => string.Create(CultureInfo.InvariantCulture,
        $"visloc/v1 topk={TopK} size={ImageSize} pixel_tol={PixelTolerance} conf={DescConfThreshold} diag={ReprojectionDiagRatio} max={MaxMatches} seed={Seed}")
        + (Mode == LocalizationMode.DirectRegression ? " mode=direct-regression " + DirectRegression.CacheText() : "");
}
