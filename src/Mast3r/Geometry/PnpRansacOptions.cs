using OpenCvSharp;

namespace Mast3r.Geometry;

/// <summary>
/// Settings of <see cref="AbsolutePoseEstimator"/>. <see cref="Visloc"/> carries the values of the official
/// visloc command lines (naver/mast3r visloc.py <c>run_pnp</c>, mode poselib, README flags).
/// </summary>
internal sealed record PnpRansacOptions
{
    /// <summary>Which official <c>run_pnp</c> back-end runs; the other settings mean the same in both.</summary>
    public PnpMode Mode { get; init; } = PnpMode.Cv2;

    /// <summary>Inlier threshold on the reprojection error, pixels.</summary>
    public required double ReprojectionThresholdPx { get; init; }

    public int MaxIterations { get; init; } = 10_000;

    /// <summary>RANSAC success probability (OpenCV confidence, PoseLib success_prob).</summary>
    public double Confidence { get; init; } = 0.9999;

    /// <summary><see cref="PnpMode.Poselib"/> only: PoseLib RansacOptions.min_iterations.</summary>
    public int MinIterations { get; init; } = 1000;

    /// <summary><see cref="PnpMode.Poselib"/> only: PoseLib RansacOptions.dyn_num_trials_mult.</summary>
    public double DynamicTrialsMultiplier { get; init; } = 3.0;

    /// <summary><see cref="PnpMode.Poselib"/> only: PoseLib RansacOptions.seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// <see cref="PnpMode.Cv2"/> only: Levenberg–Marquardt refinement of the RANSAC pose on its inliers (the map-free
    /// baseline's <c>solvePnPGeneric(ITERATIVE)</c>); dust3r's cv2 mode has none. Poselib always refines.
    /// </summary>
    public bool Refine { get; init; }

    /// <summary><see cref="PnpMode.Cv2"/> only: minimal solver inside RANSAC (SQPNP = 8, the flag of dust3r's cv2 mode).</summary>
    public SolvePnPMethod Method { get; init; } = SolvePnPMethod.SQPNP;

    /// <summary>dust3r's run_pnp returns no pose for ≤ 4 correspondences.</summary>
    public int MinCorrespondences { get; init; } = 5;

    /// <summary>visloc.py passes <c>--reprojection_error_diag_ratio 0.008</c> in every README command.</summary>
    public const double VislocDiagonalRatio = 0.008;

    /// <summary>
    /// The official visloc settings: threshold = ratio·√(W² + H²) of the original query image (1600×1200 → 16 px),
    /// 10,000 iterations, confidence 0.9999, in the given <c>run_pnp</c> mode (no extra refinement in cv2 mode).
    /// </summary>
    public static PnpRansacOptions Visloc(int imageWidth, int imageHeight, double diagonalRatio = VislocDiagonalRatio, PnpMode mode = PnpMode.Cv2)
    {
        if (imageWidth <= 0 || imageHeight <= 0) throw new ArgumentException($"image size must be positive, got {imageWidth}×{imageHeight}");
        if (!(diagonalRatio > 0)) throw new ArgumentException($"diagonal ratio must be positive, got {diagonalRatio}");
        return new PnpRansacOptions
        {
            Mode = mode,
            ReprojectionThresholdPx = diagonalRatio * Math.Sqrt((double)imageWidth * imageWidth + (double)imageHeight * imageHeight),
        };
    }

    /// <summary>Map-free baseline: P3P RANSAC, 1,000 iterations, 3 px, 0.9999, then iterative refinement.</summary>
    public static PnpRansacOptions MapFreeBaseline() => new()
    {
        Mode = PnpMode.Cv2, ReprojectionThresholdPx = 3, MaxIterations = 1000, Confidence = 0.9999, Method = SolvePnPMethod.P3P, Refine = true,
    };
}
