namespace Mast3r.Datasets;

/// <summary>
/// A pinhole camera with optional radial distortion in the OpenCV pixel convention (centre of the top-left pixel at
/// (0, 0)). Readers of COLMAP/kapture parameters subtract the 0.5 shift of the COLMAP convention (protocols.md §0).
/// </summary>
internal sealed record CameraIntrinsics(int Width, int Height, double Fx, double Fy, double Cx, double Cy, double K1 = 0, double K2 = 0)
{
    /// <summary>From a COLMAP/kapture model name and parameter list (COLMAP pixel convention).</summary>
    public static CameraIntrinsics FromColmap(string model, int width, int height, IReadOnlyList<double> p, bool shiftHalfPixel = true)
    {
        double s = shiftHalfPixel ? 0.5 : 0.0;
        return model switch
        {
            "SIMPLE_PINHOLE" when p.Count >= 3 => new(width, height, p[0], p[0], p[1] - s, p[2] - s),
            "PINHOLE" when p.Count >= 4 => new(width, height, p[0], p[1], p[2] - s, p[3] - s),
            "SIMPLE_RADIAL" when p.Count >= 4 => new(width, height, p[0], p[0], p[1] - s, p[2] - s, p[3]),
            "RADIAL" when p.Count >= 5 => new(width, height, p[0], p[0], p[1] - s, p[2] - s, p[3], p[4]),
            "OPENCV" when p.Count >= 8 => new(width, height, p[0], p[1], p[2] - s, p[3] - s, p[4], p[5]),
            _ => throw new InvalidDataException($"unsupported camera model '{model}' with {p.Count} parameters"),
        };
    }

    /// <summary>The intrinsics after scaling the image by <paramref name="scale"/> and cropping <paramref name="left"/>/<paramref name="top"/>
    /// pixels (pixel-centre aware: x' = (x + 0.5)·s − 0.5 − left).</summary>
    public CameraIntrinsics ScaledAndCropped(double scale, int left, int top, int width, int height) =>
        new(width, height, Fx * scale, Fy * scale, (Cx + 0.5) * scale - 0.5 - left, (Cy + 0.5) * scale - 0.5 - top, K1, K2);

    /// <summary>Length of the image diagonal in pixels.</summary>
    public double Diagonal => Math.Sqrt((double)Width * Width + (double)Height * Height);
}
