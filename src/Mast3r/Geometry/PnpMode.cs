namespace Mast3r.Geometry;

/// <summary>
/// The PnP back-ends of dust3r_visloc <c>run_pnp</c> (localization.py) that <see cref="AbsolutePoseEstimator"/>
/// reproduces; the official visloc command lines use <see cref="Poselib"/>.
/// </summary>
internal enum PnpMode
{
    /// <summary>
    /// <c>cv2.undistortPoints(P = K)</c> when the camera is distorted, then <c>cv2.solvePnPRansac</c> without
    /// distortion (SQPNP in visloc); no refinement unless <see cref="PnpRansacOptions.Refine"/> asks for it.
    /// </summary>
    Cv2,

    /// <summary>
    /// Port of <c>poselib.estimate_absolute_pose</c> (PoseLib v2.0.4): Lambda Twist P3P in LO-RANSAC on undistorted
    /// normalised points, then a Cauchy-loss bundle adjustment of the pose on the inliers (<see cref="PoselibAbsolutePose"/>).
    /// </summary>
    Poselib,
}
