namespace Mast3r.Geometry;

/// <summary>
/// World→camera motion x = R·X + t with R stored row-major in 9 doubles: the light-weight model of the PnP solvers'
/// inner loops (a <see cref="Pose"/> allocates two arrays and copies them on every access).
/// </summary>
internal readonly record struct RigidMotion(double[] R, double[] T)
{
    public static RigidMotion Identity => new([1, 0, 0, 0, 1, 0, 0, 0, 1], [0, 0, 0]);

    /// <summary>The camera coordinates of world point (x, y, z).</summary>
    public (double X, double Y, double Z) Apply(double x, double y, double z) =>
        (R[0] * x + R[1] * y + R[2] * z + T[0], R[3] * x + R[4] * y + R[5] * z + T[1], R[6] * x + R[7] * y + R[8] * z + T[2]);

    /// <summary>R·v (no translation).</summary>
    public (double X, double Y, double Z) Rotate(double x, double y, double z) =>
        (R[0] * x + R[1] * y + R[2] * z, R[3] * x + R[4] * y + R[5] * z, R[6] * x + R[7] * y + R[8] * z);

    public Pose ToPose() => new(new double[,] { { R[0], R[1], R[2] }, { R[3], R[4], R[5] }, { R[6], R[7], R[8] } }, [T[0], T[1], T[2]]);

    public bool IsFinite => R.All(double.IsFinite) && T.All(double.IsFinite);
}
