using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Mast3r.IO;

/// <summary>
/// Writes little-endian Level-5 MAT-files with real double, single and logical (uint8) arrays, each variable a
/// zlib-compressed (miCOMPRESSED, MATLAB's default since v7) or plain miMATRIX element — the subset
/// <see cref="MatV5Reader"/> reads and the DTU ObsMask / Plane and InLoc XYZcut files use. Written from the public
/// MAT-file format specification; used by the synthetic DTU and InLoc layouts.
/// </summary>
internal static class MatV5Writer
{
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7, MiDouble = 9, MiMatrix = 14, MiCompressed = 15;
    private const int ClassDouble = 6, ClassSingle = 7, ClassUInt8 = 9, LogicalFlag = 0x0200;

    /// <summary>A variable: column-major data (double[], float[], or byte[] with <paramref name="Logical"/>) and its dimensions.</summary>
    internal sealed record Variable(string Name, int[] Dimensions, Array Data, bool Logical = false);

    public static void Write(string path, IEnumerable<Variable> variables, bool compress = true)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("MatV5Writer writes the host's bytes and needs a little-endian host");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        var header = new byte[128];
        Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, written by Mast3r.Repro".PadRight(116)).CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(124), 0x0100);
        header[126] = (byte)'I';
        header[127] = (byte)'M';
        file.Write(header);
        foreach (var v in variables)
        {
            var matrix = Matrix(v);
            file.Write(compress ? Compressed(matrix) : matrix);
        }
    }

    private static byte[] Matrix(Variable v)
    {
        long count = v.Dimensions.Aggregate(1L, (a, d) => a * d);
        if (v.Data.LongLength != count) throw new ArgumentException($"MAT variable '{v.Name}': {v.Data.LongLength} values for dimensions {string.Join("×", v.Dimensions)}");
        var (cls, type, bytes) = v.Data switch
        {
            double[] d => (ClassDouble, MiDouble, MemoryMarshal.AsBytes(d.AsSpan()).ToArray()),
            float[] f => (ClassSingle, MiSingle, MemoryMarshal.AsBytes(f.AsSpan()).ToArray()),
            byte[] b => (ClassUInt8, MiUInt8, b),
            _ => throw new ArgumentException($"MAT variable '{v.Name}': only double[], float[] and byte[] are supported"),
        };
        var flags = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(flags, (uint)(cls | (v.Logical ? LogicalFlag : 0)));
        using var content = new MemoryStream();
        content.Write(Element(MiUInt32, flags));
        content.Write(Element(MiInt32, v.Dimensions.SelectMany(BitConverter.GetBytes).ToArray()));
        content.Write(Element(MiInt8, Encoding.ASCII.GetBytes(v.Name)));
        content.Write(Element(type, bytes));
        return Element(MiMatrix, content.ToArray());
    }

    // Full-format tag (type, byte count), data, zero padding to 8 bytes.
    private static byte[] Element(int type, byte[] data)
    {
        var result = new byte[8 + data.Length + (8 - data.Length % 8) % 8];
        BinaryPrimitives.WriteUInt32LittleEndian(result, (uint)type);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)data.Length);
        data.CopyTo(result, 8);
        return result;
    }

    private static byte[] Compressed(byte[] element)
    {
        using var z = new MemoryStream();
        using (var zs = new ZLibStream(z, CompressionLevel.Fastest, leaveOpen: true)) zs.Write(element);
        var result = new byte[8 + z.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(result, MiCompressed);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)z.Length);
        z.ToArray().CopyTo(result, 8);
        return result;
    }
}
