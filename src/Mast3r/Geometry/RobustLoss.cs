namespace Mast3r.Geometry;

/// <summary>Robust losses of PoseLib's BundleOptions used by the poselib PnP port.</summary>
internal enum RobustLoss
{
    /// <summary>min(r², s²); weight 1 inside the threshold, 0 outside (PoseLib TruncatedLoss).</summary>
    Truncated,

    /// <summary>log(1 + r²/s²); weight 1/s² / (1 + r²/s²) (PoseLib CauchyLoss, the BundleOptions default).</summary>
    Cauchy,
}
