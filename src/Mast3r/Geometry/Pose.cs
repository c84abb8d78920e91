namespace Mast3r.Geometry;

/// <summary>
/// A rigid world→camera transform x_cam = R·x_world + t (the COLMAP / benchmark convention). Quaternions are
/// (w, x, y, z), Hamilton, unit norm.
/// </summary>
public sealed class Pose
{
    /// <summary>Creates a pose from a row-major 3×3 rotation and a translation.</summary>
    public Pose(double[,] rotation, double[] translation)
    {
        if (rotation.GetLength(0) != 3 || rotation.GetLength(1) != 3) throw new ArgumentException("rotation must be 3×3");
        if (translation.Length != 3) throw new ArgumentException("translation must have 3 entries");
        Rotation = (double[,])rotation.Clone();
        Translation = (double[])translation.Clone();
    }

    /// <summary>Row-major 3×3 rotation R.</summary>
    public double[,] Rotation { get; }

    /// <summary>Translation t.</summary>
    public double[] Translation { get; }

    /// <summary>The identity pose.</summary>
    public static Pose Identity => new(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, new double[3]);

    /// <summary>From a (w, x, y, z) quaternion (normalised here) and a translation.</summary>
    public static Pose FromQuaternion(double qw, double qx, double qy, double qz, double tx, double ty, double tz)
    {
        double n = Math.Sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
        if (!(n > 0) || double.IsNaN(n)) throw new ArgumentException("quaternion has zero or NaN norm");
        qw /= n; qx /= n; qy /= n; qz /= n;
        var r = new double[,]
        {
            { 1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy - qz * qw), 2 * (qx * qz + qy * qw) },
            { 2 * (qx * qy + qz * qw), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz - qx * qw) },
            { 2 * (qx * qz - qy * qw), 2 * (qy * qz + qx * qw), 1 - 2 * (qx * qx + qy * qy) },
        };
        return new Pose(r, new[] { tx, ty, tz });
    }

    /// <summary>The (w, x, y, z) quaternion with w ≥ 0.</summary>
    public (double W, double X, double Y, double Z) ToQuaternion()
    {
        var m = Rotation;
        double trace = m[0, 0] + m[1, 1] + m[2, 2];
        double w, x, y, z;
        if (trace > 0)
        {
            double s = Math.Sqrt(trace + 1.0) * 2;
            w = 0.25 * s; x = (m[2, 1] - m[1, 2]) / s; y = (m[0, 2] - m[2, 0]) / s; z = (m[1, 0] - m[0, 1]) / s;
        }
        else if (m[0, 0] > m[1, 1] && m[0, 0] > m[2, 2])
        {
            double s = Math.Sqrt(1.0 + m[0, 0] - m[1, 1] - m[2, 2]) * 2;
            w = (m[2, 1] - m[1, 2]) / s; x = 0.25 * s; y = (m[0, 1] + m[1, 0]) / s; z = (m[0, 2] + m[2, 0]) / s;
        }
        else if (m[1, 1] > m[2, 2])
        {
            double s = Math.Sqrt(1.0 + m[1, 1] - m[0, 0] - m[2, 2]) * 2;
            w = (m[0, 2] - m[2, 0]) / s; x = (m[0, 1] + m[1, 0]) / s; y = 0.25 * s; z = (m[1, 2] + m[2, 1]) / s;
        }
        else
        {
            double s = Math.Sqrt(1.0 + m[2, 2] - m[0, 0] - m[1, 1]) * 2;
            w = (m[1, 0] - m[0, 1]) / s; x = (m[0, 2] + m[2, 0]) / s; y = (m[1, 2] + m[2, 1]) / s; z = 0.25 * s;
        }
        double n = Math.Sqrt(w * w + x * x + y * y + z * z);
        if (w < 0) n = -n;
        return (w / n, x / n, y / n, z / n);
    }

    /// <summary>Camera centre in world coordinates: c = −Rᵀ·t.</summary>
    public double[] CameraCenter()
    {
        var c = new double[3];
        for (int i = 0; i < 3; i++)
            for (int k = 0; k < 3; k++)
                c[i] -= Rotation[k, i] * Translation[k];
        return c;
    }

    /// <summary>The camera→world transform.</summary>
    public Pose Inverse()
    {
        var rt = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                rt[i, j] = Rotation[j, i];
        return new Pose(rt, CameraCenter());
    }

    /// <summary>this ∘ other: first <paramref name="other"/>, then this.</summary>
    public Pose Compose(Pose other)
    {
        var r = new double[3, 3];
        var t = new double[3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++)
                    r[i, j] += Rotation[i, k] * other.Rotation[k, j];
            t[i] = Translation[i];
            for (int k = 0; k < 3; k++) t[i] += Rotation[i, k] * other.Translation[k];
        }
        return new Pose(r, t);
    }

    /// <summary>Applies the transform to a point.</summary>
    public double[] Apply(double[] p)
    {
        var q = new double[3];
        for (int i = 0; i < 3; i++)
            q[i] = Rotation[i, 0] * p[0] + Rotation[i, 1] * p[1] + Rotation[i, 2] * p[2] + Translation[i];
        return q;
    }
}
