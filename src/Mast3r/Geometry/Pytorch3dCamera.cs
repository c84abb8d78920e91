namespace Mast3r.Geometry;

/// <summary>
/// pytorch3d camera convention (CO3D annotations, PoseDiffusion): row vectors, X_view = X_world·R + T, with +X left
/// and +Y up. The mapping to the OpenCV world→camera convention is that of dust3r
/// <c>datasets_preprocess/preprocess_co3d.py</c> (protocols.md §0, §6.3).
/// </summary>
internal static class Pytorch3dCamera
{
    /// <summary>
    /// R_cv = transpose(R with columns 0 and 1 negated), t_cv = (−T₀, −T₁, T₂). Relative-pose metrics are unchanged by
    /// this conversion (it is a fixed rotation of every camera frame).
    /// </summary>
    public static Pose ToOpenCv(double[,] rotation, double[] translation)
    {
        if (rotation.GetLength(0) != 3 || rotation.GetLength(1) != 3) throw new ArgumentException("rotation must be 3×3");
        if (translation.Length != 3) throw new ArgumentException("translation must have 3 entries");
        return new Pose(Rotation3.Transpose(Negate01Columns(rotation)), [-translation[0], -translation[1], translation[2]]);
    }

    private static double[,] Negate01Columns(double[,] m)
    {
        var r = (double[,])m.Clone();
        for (int row = 0; row < 3; row++)
        {
            r[row, 0] = -r[row, 0];
            r[row, 1] = -r[row, 1];
        }
        return r;
    }
}
