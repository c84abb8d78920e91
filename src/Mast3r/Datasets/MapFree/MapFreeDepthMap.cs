using OpenCvSharp;

namespace Mast3r.Datasets.MapFree;

/// <summary>
/// A metric depth map of one map-free frame from the optional DPT-KITTI download (protocols.md §2.1):
/// <c>seqX/frame_NNNNN.dptkitti.png</c> next to the image, single-channel uint16 in millimetres, 0 = no depth.
/// Depth is z-depth in the frame's camera, at the image's resolution.
/// </summary>
internal sealed class MapFreeDepthMap
{
    /// <summary>Suffix replacing the image's <c>.jpg</c> (the benchmark's DPT-KITTI file naming).</summary>
    public const string DptKittiSuffix = ".dptkitti.png";

    private readonly float[] _metres;

    public MapFreeDepthMap(int width, int height, float[] metres)
    {
        if (metres.Length != width * height) throw new ArgumentException($"{metres.Length} depth values for a {width}x{height} map", nameof(metres));
        Width = width;
        Height = height;
        _metres = metres;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>The DPT-KITTI depth file of a frame: <c>scene/seq1/frame_00005.jpg</c> → <c>scene/seq1/frame_00005.dptkitti.png</c>.</summary>
    public static string DptKittiPath(string sceneDirectory, string frameName) =>
        Path.Combine(sceneDirectory, Path.ChangeExtension(frameName, null) + DptKittiSuffix);

    /// <summary>Reads the DPT-KITTI depth of a frame of the scene in <paramref name="sceneDirectory"/>.</summary>
    public static MapFreeDepthMap ReadFrame(string sceneDirectory, MapFreeFrame frame) =>
        Read(DptKittiPath(sceneDirectory, frame.Name), frame.Camera.Width, frame.Camera.Height);

    /// <summary>The first missing DPT-KITTI file among the reference and evaluated queries of the scenes, or null.</summary>
    public static string? FirstMissing(IEnumerable<MapFreeScene> scenes) =>
        scenes.SelectMany(s => s.EvaluatedQueries.Prepend(s.Reference).Select(f => DptKittiPath(s.Directory, f.Name))).FirstOrDefault(p => !File.Exists(p));

    /// <summary>
    /// Reads a depth PNG and checks it has the frame's image size (<paramref name="width"/>×<paramref name="height"/>
    /// from <c>intrinsics.txt</c>).
    /// </summary>
    public static MapFreeDepthMap Read(string path, int width, int height)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"{path}: depth map not found. DPT-KITTI depth (*{DptKittiSuffix}, uint16 millimetres next to each frame) is an optional " +
                "download of the map-free dataset (nianticlabs/map-free-reloc); unpack it into the scene folders.", path);
        using var m = Cv2.ImRead(path, ImreadModes.Unchanged);
        if (m.Empty()) throw new InvalidDataException($"{path}: OpenCV could not decode the depth PNG.");
        if (m.Type() != MatType.CV_16UC1) throw new InvalidDataException($"{path}: depth PNG must be single-channel uint16 (millimetres), found {m.Type()}.");
        if (m.Width != width || m.Height != height)
            throw new InvalidDataException($"{path}: depth map is {m.Width}x{m.Height} but the frame is {width}x{height} (intrinsics.txt); it must match the image.");
        m.GetArray(out ushort[] mm);
        var metres = new float[mm.Length];
        for (int i = 0; i < mm.Length; i++) metres[i] = mm[i] == 0 ? float.NaN : mm[i] / 1000f;
        return new MapFreeDepthMap(width, height, metres);
    }

    /// <summary>Writes z-depth in metres as uint16 millimetres (rounded); values that round to 0 mm or beyond 65 535 mm, and non-finite ones, become 0.</summary>
    public static void Write(string path, int width, int height, IReadOnlyList<float> metres)
    {
        if (metres.Count != width * height) throw new ArgumentException($"{metres.Count} depth values for a {width}x{height} map", nameof(metres));
        var mm = new ushort[metres.Count];
        for (int i = 0; i < mm.Length; i++)
        {
            double d = Math.Round(metres[i] * 1000.0);
            mm[i] = d >= 1 && d <= ushort.MaxValue ? (ushort)d : (ushort)0; // NaN and ±∞ fail both comparisons
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var m = Mat.FromPixelData(height, width, MatType.CV_16UC1, mm);
        if (!Cv2.ImWrite(path, m)) throw new IOException($"{path}: OpenCV could not write the depth PNG.");
    }

    /// <summary>Depth (metres) at pixel column <paramref name="u"/>, row <paramref name="v"/>; NaN where the map has no
    /// depth or the pixel lies outside.</summary>
    public double At(int u, int v) => u < 0 || v < 0 || u >= Width || v >= Height ? double.NaN : _metres[v * Width + u];
}
