namespace Mast3r.Geometry;

/// <summary>
/// The PnP back-ends of dust3r_visloc <c>run_pnp</c> (localization.py) that <see cref="AbsolutePoseEstimator"/>
/// reproduces.
/// </summary>
internal enum PnpMode
{
    /// <summary>
    /// <c>cv2.undistortPoints(P = K)</c> when the camera is distorted, then <c>cv2.solvePnPRansac</c> without
    /// distortion (SQPNP in visloc); no refinement unless <see cref="PnpRansacOptions.Refine"/> asks for it.
    /// </summary>
    Cv2,
}
