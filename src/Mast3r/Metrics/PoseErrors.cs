using Mast3r.Geometry;

namespace Mast3r.Metrics;

/// <summary>Per-pose error measures shared by the localisation protocols, in double precision.</summary>
internal static class PoseErrors
{
    /// <summary>‖c_est − c_gt‖ between camera centres (= the camera→world translations), in the poses' unit.</summary>
    public static double CentreDistance(Pose estimate, Pose truth)
    {
        var a = estimate.CameraCenter();
        var b = truth.CameraCenter();
        double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }

    /// <summary>
    /// Geodesic angle between the two rotations in degrees (the same for world→camera and camera→world). atan2
    /// form: equal to arccos((tr(R_gtᵀR_est) − 1)/2) but exact for tiny angles.
    /// </summary>
    public static double RotationAngleDeg(Pose estimate, Pose truth) =>
        Rotation3.RadToDeg(Rotation3.AngleBetween(truth.Rotation, estimate.Rotation));
}
