using Mast3r.Datasets.Visloc;
using Mast3r.Images;
using Mast3r.Matching;

namespace Mast3r.Localization;

/// <summary>
/// A map image's 3-D points on its pixel grid: per pixel the index of a 3-D point, or −1 (the NaN of the official
/// H×W×3 raster). Crops and homography warps move indices, never points, so the 3-D stays exact.
/// </summary>
internal sealed class PointRaster
{
    private readonly double[] _points;

    private PointRaster(int width, int height, int[] index, double[] points)
    {
        Width = width;
        Height = height;
        Index = index;
        _points = points;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Row-major point index per pixel; −1 = no 3-D.</summary>
    public int[] Index { get; }

    /// <summary>
    /// The map's observations (OpenCV pixels) moved by <paramref name="toPixel"/> and rounded half to even onto a
    /// <paramref name="width"/>×<paramref name="height"/> grid; outside pixels dropped, later writes win — dust3r
    /// <c>rescale_points3d</c> on the sparse observations (coarse mode: <c>toPixel</c> = the view's <c>to_resize</c>).
    /// </summary>
    public static PointRaster Project(VislocMapImage map, int width, int height, Func<double, double, (double X, double Y)> toPixel)
    {
        var index = Enumerable.Repeat(-1, width * height).ToArray();
        for (int i = 0; i < map.Pixels.Length / 2; i++)
        {
            var (x, y) = toPixel(map.Pixels[2 * i], map.Pixels[2 * i + 1]);
            double u = Math.Round(x), v = Math.Round(y);
            if (u < 0 || v < 0 || u >= width || v >= height) continue;
            index[(int)v * width + (int)u] = i;
        }
        return new PointRaster(width, height, index, map.Points);
    }

    /// <summary>
    /// The map's observations at the resolution of an image scaled by (sx, sy) from the original: each observation
    /// rounded to its integer pixel of the full-resolution raster (half to even; later writes win), then — when scaled —
    /// dust3r <c>rescale_points3d</c> on that raster's valid pixels in row-major order (<c>torch.where(valid)</c>):
    /// p + 0.5 → ·s → − 0.5 → rounded; outside pixels dropped, later writes win.
    /// </summary>
    public static PointRaster FromObservations(VislocMapImage map, int width, int height, double sx, double sy)
    {
        bool scaled = sx != 1 || sy != 1;
        var full = Project(map, scaled ? map.Camera.Width : width, scaled ? map.Camera.Height : height, (x, y) => (x, y));
        if (!scaled) return full;
        var index = Enumerable.Repeat(-1, width * height).ToArray();
        for (int p = 0; p < full.Index.Length; p++)
        {
            if (full.Index[p] < 0) continue;
            double x = Math.Round((p % full.Width + 0.5) * sx - 0.5), y = Math.Round((p / full.Width + 0.5) * sy - 0.5);
            if (x < 0 || y < 0 || x >= width || y >= height) continue;
            index[(int)y * width + (int)x] = full.Index[p];
        }
        return new PointRaster(width, height, index, map.Points);
    }

    /// <summary>The pixels with a 3-D point, ascending (row-major, as <c>torch.where(valid)</c>).</summary>
    public List<int> ValidPixels()
    {
        var list = new List<int>();
        for (int i = 0; i < Index.Length; i++)
            if (Index[i] >= 0) list.Add(i);
        return list;
    }

    /// <summary>The 3-D point at a pixel that has one.</summary>
    public ReadOnlySpan<double> Point(int pixel) => _points.AsSpan(3 * Index[pixel], 3);

    /// <summary>The raster of a window (a plain slice).</summary>
    public PointRaster Crop(CropWindow w)
    {
        var index = new int[w.Width * w.Height];
        for (int y = 0; y < w.Height; y++)
            Array.Copy(Index, (w.Top + y) * Width + w.Left, index, y * w.Width, w.Width);
        return new PointRaster(w.Width, w.Height, index, _points);
    }

    /// <summary>The raster of a homography-warped crop (nearest, as the official NEAREST warp of the valid mask and the
    /// coordinate planes).</summary>
    public PointRaster Warp(double[] h, int width, int height) =>
        new(width, height, PerspectiveWarp.Nearest(Index, Width, Height, h, width, height, -1), _points);
}
