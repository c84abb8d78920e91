using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Mast3r.Datasets.Kapture;

/// <summary>
/// kapture depth maps (e.g. 7-Scenes <c>*.depth.reg</c>), format as kapture <c>depth_map_from_file</c> reads it:
/// raw float32 in native (little-endian) byte order, exactly W·H values, row-major (H rows of W columns), no header;
/// W, H are not in the file and come from the image/sensor. Values are metres; non-positive values mean "no depth".
/// </summary>
internal static class KaptureDepthMap
{
    public static float[] Read(string path, int width, int height)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"depth map {path} does not exist", path);
        long expected = 4L * width * height, actual = new FileInfo(path).Length;
        if (actual != expected)
            throw new InvalidDataException($"{path}: {actual} bytes, expected {expected} (raw float32, {width}×{height} = {(long)width * height} values, no header)");
        var depth = new float[width * height];
        using (var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            s.ReadExactly(MemoryMarshal.AsBytes(depth.AsSpan()));
        if (!BitConverter.IsLittleEndian)
            for (int i = 0; i < depth.Length; i++)
                depth[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(depth[i])));
        return depth;
    }

    public static void Write(string path, float[] depth)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[4 * depth.Length];
        for (int i = 0; i < depth.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), depth[i]);
        File.WriteAllBytes(path, bytes);
    }
}
