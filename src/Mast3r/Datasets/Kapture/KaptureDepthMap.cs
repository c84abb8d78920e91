namespace Mast3r.Datasets.Kapture;

/// <summary>
/// kapture depth maps (<c>records_depth.txt</c> entries, e.g. 7-Scenes <c>*.depth.reg</c>): raw little-endian
/// float32, row-major H×W, metres; the size comes from the depth sensor in <c>sensors.txt</c> (kapture
/// <c>depth_map_from_file</c>). Non-positive and non-finite values mean "no depth".
/// </summary>
internal static class KaptureDepthMap
{
    public static float[] Read(string path, int width, int height)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"depth map {path} does not exist", path);
        var bytes = File.ReadAllBytes(path);
        long expected = 4L * width * height;
        if (bytes.Length != expected)
            throw new InvalidDataException($"{path}: {bytes.Length} bytes, expected {expected} (float32 {width}×{height} from the depth sensor in sensors.txt)");
        var depth = new float[width * height];
        for (int i = 0; i < depth.Length; i++) depth[i] = BitConverter.ToSingle(ReadLittleEndian(bytes, 4 * i));
        return depth;
    }

    public static void Write(string path, float[] depth)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[4 * depth.Length];
        for (int i = 0; i < depth.Length; i++) BitConverter.GetBytes(depth[i]).CopyTo(bytes, 4 * i);
        if (!BitConverter.IsLittleEndian)
            for (int i = 0; i < depth.Length; i++) Array.Reverse(bytes, 4 * i, 4);
        File.WriteAllBytes(path, bytes);
    }

    private static ReadOnlySpan<byte> ReadLittleEndian(byte[] bytes, int offset)
    {
        if (BitConverter.IsLittleEndian) return bytes.AsSpan(offset, 4);
        var b = bytes.AsSpan(offset, 4).ToArray();
        Array.Reverse(b);
        return b;
    }
}
