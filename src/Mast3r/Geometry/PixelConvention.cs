using OpenCvSharp;

namespace Mast3r.Geometry;

/// <summary>
/// COLMAP puts the centre of the top-left pixel at (0.5, 0.5), OpenCV at (0, 0) (dust3r
/// <c>colmap_to_opencv_intrinsics</c> / <c>opencv_to_colmap_intrinsics</c>). Points and intrinsics must be shifted
/// together; shifting only one biases every pose by half a pixel.
/// </summary>
internal static class PixelConvention
{
    public static Point2d ColmapToOpenCv(Point2d p) => new(p.X - 0.5, p.Y - 0.5);

    public static Point2d OpenCvToColmap(Point2d p) => new(p.X + 0.5, p.Y + 0.5);
}
