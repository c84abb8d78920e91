using OpenCvSharp;

namespace Mast3r.Geometry;

/// <summary>Settings of <see cref="RelativePoseEstimator"/>; the factories carry the values of each reference protocol.</summary>
internal sealed record EssentialRansacOptions
{
    /// <summary>Epipolar inlier threshold in pixels, converted to normalised units by the mean focal length.</summary>
    public required double ThresholdPx { get; init; }

    public required double Confidence { get; init; }

    public EssentialMatMethod Method { get; init; } = EssentialMatMethod.Ransac;

    /// <summary>
    /// Which focal lengths convert <see cref="ThresholdPx"/>: false = LoFTR's mean(fx₀, fy₁); true = the mean of all
    /// four (fx₀, fy₀, fx₁, fy₁), the map-free pipeline's reading of the baseline's "mean focal" (protocols.md §2.6).
    /// </summary>
    public bool ThresholdByAllFocals { get; init; }

    /// <summary>OpenCV's USAC_MAGSAC flag, absent from OpenCvSharp's <see cref="EssentialMatMethod"/> enum.</summary>
    public const EssentialMatMethod UsacMagsac = (EssentialMatMethod)38;

    /// <summary>LoFTR <c>estimate_pose</c>: RANSAC, prob 0.99999, 0.5 px.</summary>
    public static EssentialRansacOptions LoFtr() => new() { ThresholdPx = 0.5, Confidence = 0.99999 };

    /// <summary>glue-factory ScanNet-1500 OpenCV estimator: RANSAC, 0.99999, 1 px by default.</summary>
    public static EssentialRansacOptions GlueFactoryOpenCv(double thresholdPx = 1.0) => new() { ThresholdPx = thresholdPx, Confidence = 0.99999 };

    /// <summary>Map-free <c>EssentialMatrixMetric</c> baseline: USAC_MAGSAC, 2 px, 0.9999.</summary>
    public static EssentialRansacOptions MapFreeBaseline() => new() { ThresholdPx = 2.0, Confidence = 0.9999, Method = UsacMagsac };
}
