using OpenCvSharp;

namespace Mast3r.Geometry;

/// <summary>A triangulated point with its depth and reprojection error in every view.</summary>
internal sealed record TriangulatedPoint(Point3d Point, double[] Depths, double[] ReprojectionErrorsPx)
{
    /// <summary>In front of every camera (cheirality).</summary>
    public bool InFrontOfAllCameras => Depths.All(d => d > 0);
}
