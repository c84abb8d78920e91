using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Mast3r.IO;

/// <summary>Writes point clouds as PLY: a vertex element with x, y, z in double precision, binary or ascii.</summary>
public static class PlyWriter
{
    /// <summary>Writes <paramref name="xyz"/> (flat x0, y0, z0, x1, …) to <paramref name="path"/>.</summary>
    public static void WriteVertices(string path, IReadOnlyList<double> xyz, bool binary = true)
    {
        using var stream = File.Create(path);
        WriteVertices(stream, xyz, binary);
    }

    /// <summary>Writes <paramref name="xyz"/> (flat x0, y0, z0, x1, …) to a stream.</summary>
    public static void WriteVertices(Stream stream, IReadOnlyList<double> xyz, bool binary = true)
    {
        if (xyz.Count % 3 != 0) throw new ArgumentException("point array length must be a multiple of 3");
        int n = xyz.Count / 3;
        string header = $"ply\nformat {(binary ? "binary_little_endian" : "ascii")} 1.0\nelement vertex {n}\n" +
                        "property double x\nproperty double y\nproperty double z\nend_header\n";
        stream.Write(Encoding.ASCII.GetBytes(header));
        if (binary)
        {
            var buffer = new byte[24];
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < 3; c++) BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(8 * c), xyz[3 * i + c]);
                stream.Write(buffer);
            }
        }
        else
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            for (int i = 0; i < n; i++)
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{xyz[3 * i]:R} {xyz[3 * i + 1]:R} {xyz[3 * i + 2]:R}"));
        }
    }
}
