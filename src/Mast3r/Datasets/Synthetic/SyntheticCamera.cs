using Mast3r.Geometry;

namespace Mast3r.Datasets.Synthetic;

/// <summary>A synthetic camera: intrinsics (OpenCV pixel convention) and exact world→camera pose.</summary>
internal sealed record SyntheticCamera(CameraIntrinsics Intrinsics, Pose WorldToCamera)
{
    /// <summary>Ray-casts every pixel centre: RGB (HWC bytes), z-depth (∞ on a miss) and world points (NaN on a miss).</summary>
    public SyntheticRender Render(SyntheticScene scene) => Render(scene, Intrinsics);

    /// <summary>Ray-casts with other intrinsics (same pose), e.g. at network resolution.</summary>
    public SyntheticRender Render(SyntheticScene scene, CameraIntrinsics k) => Render(scene, k, null, k.Width, k.Height);

    /// <summary>
    /// Ray-casts a <paramref name="w"/>×<paramref name="h"/> image whose pixel (u, v) shows the pixel
    /// <paramref name="pixelToImage"/>·(u, v, 1) of an image with intrinsics <paramref name="k"/> (a crop, a
    /// homography-warped crop; null = identity). The ray is K⁻¹ of that point.
    /// </summary>
    public SyntheticRender Render(SyntheticScene scene, CameraIntrinsics k, double[]? pixelToImage, int w, int h)
    {
        var rgb = new byte[w * h * 3];
        var depth = new float[w * h];
        var world = new double[w * h * 3];
        var c2w = WorldToCamera.Inverse();
        var origin = c2w.Translation;
        var dir = new double[3];
        for (int v = 0; v < h; v++)
            for (int u = 0; u < w; u++)
            {
                var (x, y) = pixelToImage is null ? (u, v) : Images.PixelMaps.Apply(pixelToImage, u, v);
                double dx = (x - k.Cx) / k.Fx, dy = (y - k.Cy) / k.Fy;
                for (int i = 0; i < 3; i++) dir[i] = c2w.Rotation[i, 0] * dx + c2w.Rotation[i, 1] * dy + c2w.Rotation[i, 2];
                double t = scene.Intersect(origin, dir);
                int idx = v * w + u;
                if (double.IsInfinity(t))
                {
                    depth[idx] = float.PositiveInfinity;
                    world[3 * idx] = world[3 * idx + 1] = world[3 * idx + 2] = double.NaN;
                    continue;
                }
                var p = new[] { origin[0] + t * dir[0], origin[1] + t * dir[1], origin[2] + t * dir[2] };
                depth[idx] = (float)t; // the camera-frame direction has z = 1, so t is the z-depth
                world[3 * idx] = p[0]; world[3 * idx + 1] = p[1]; world[3 * idx + 2] = p[2];
                var (r, g, b) = scene.Colour(p);
                rgb[3 * idx] = r; rgb[3 * idx + 1] = g; rgb[3 * idx + 2] = b;
            }
        return new SyntheticRender(w, h, rgb, depth, world);
    }
}

/// <summary>One rendered view.</summary>
internal sealed record SyntheticRender(int Width, int Height, byte[] Rgb, float[] Depth, double[] World)
{
    /// <summary>Writes the RGB image (format from the extension: .jpg at quality 95, .png lossless).</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mat = OpenCvSharp.Mat.FromPixelData(Height, Width, OpenCvSharp.MatType.CV_8UC3, Rgb);
        using var bgr = new OpenCvSharp.Mat();
        OpenCvSharp.Cv2.CvtColor(mat, bgr, OpenCvSharp.ColorConversionCodes.RGB2BGR);
        var prms = path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".JPG", StringComparison.Ordinal)
            ? new[] { (int)OpenCvSharp.ImwriteFlags.JpegQuality, 95 } : Array.Empty<int>();
        if (!OpenCvSharp.Cv2.ImWrite(path, bgr, prms)) throw new IOException($"could not write {path}");
    }
}
