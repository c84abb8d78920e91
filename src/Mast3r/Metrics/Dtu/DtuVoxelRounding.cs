namespace Mast3r.Metrics.Dtu;

/// <summary>How a point is assigned to an ObsMask voxel — the one place the two official implementations differ.</summary>
public enum DtuVoxelRounding
{
    /// <summary>MATLAB <c>round</c> (half away from zero) with the bounding box in double (PointCompareMain.m).</summary>
    Matlab,

    /// <summary><c>numpy.around</c> (half to even) with the bounding box cast to float32 (DTUeval-python eval.py).</summary>
    DtuEvalPython,
}
