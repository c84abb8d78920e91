namespace Mast3r.Metrics.MapFree;

/// <summary>
/// One line of a map-free pose file: the world→camera quaternion (w, x, y, z, not necessarily unit), translation
/// and, for submissions, the confidence (0 for ground truth).
/// </summary>
/// <param name="Qw">Quaternion w.</param>
/// <param name="Qx">Quaternion x.</param>
/// <param name="Qy">Quaternion y.</param>
/// <param name="Qz">Quaternion z.</param>
/// <param name="Tx">Translation x (metres).</param>
/// <param name="Ty">Translation y.</param>
/// <param name="Tz">Translation z.</param>
/// <param name="Confidence">Submitted confidence; higher means more trusted.</param>
public readonly record struct MapFreePose(double Qw, double Qx, double Qy, double Qz, double Tx, double Ty, double Tz, double Confidence = 0)
{
    internal double[] Quaternion => [Qw, Qx, Qy, Qz];

    internal double[] Translation => [Tx, Ty, Tz];
}
