namespace Mast3r.Metrics.Dtu;

/// <summary>
/// Which official implementation to follow where the two differ (only at measure-zero boundaries: half-voxel
/// positions, points within half a voxel outside the bounding box).
/// </summary>
public enum DtuProtocol
{
    /// <summary>
    /// PointCompareMain.m / MaxDistCP.m: voxel = round((p − BB_min)/Res + 1) (half away from zero, 1-based), BB in
    /// double; a point outside the 60 mm cell tiling of the box gets the 60 mm placeholder distance (so it never
    /// counts).
    /// </summary>
    Matlab,

    /// <summary>DTUeval-python eval.py: voxel = numpy.around((p − BB_min)/Res) (half to even), BB cast to float32, exact distances everywhere.</summary>
    DtuEvalPython,
}
