using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Mast3r.Tests.IO;

/// <summary>
/// Writes MAT-file level-5 bytes by hand, following the public format specification (128-byte header, 8-byte
/// tags, small data elements, 8-byte padding, miCOMPRESSED zlib wrapper), so the reader is tested on files we
/// construct independently of it.
/// </summary>
internal sealed class MatFileBuilder
{
    public const int MiInt8 = 1, MiUInt8 = 2, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7, MiDouble = 9, MiUInt16 = 4, MiMatrix = 14, MiCompressed = 15;
    public const int ClassStruct = 2, ClassChar = 4, ClassDouble = 6, ClassSingle = 7, ClassUInt8 = 9;
    private readonly MemoryStream _body = new();

    public static byte[] Header(string text = "MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: test")
    {
        var h = new byte[128];
        Encoding.ASCII.GetBytes(text.PadRight(116)).CopyTo(h, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(124), 0x0100);
        h[126] = (byte)'I';
        h[127] = (byte)'M';
        return h;
    }

    /// <summary>A data element in full format (or small format when asked and it fits in 4 bytes).</summary>
    public static byte[] Element(int type, byte[] data, bool small = false)
    {
        var ms = new MemoryStream();
        var tag = new byte[8];
        if (small && data.Length <= 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(tag, (uint)(data.Length << 16 | type));
            data.CopyTo(tag, 4);
            ms.Write(tag);
            return ms.ToArray();
        }
        BinaryPrimitives.WriteUInt32LittleEndian(tag, (uint)type);
        BinaryPrimitives.WriteUInt32LittleEndian(tag.AsSpan(4), (uint)data.Length);
        ms.Write(tag);
        ms.Write(data);
        ms.Write(new byte[(8 - data.Length % 8) % 8]);
        return ms.ToArray();
    }

    public static byte[] Int32s(params int[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    public static byte[] Doubles(params double[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    public static byte[] Singles(params float[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    /// <summary>An miMATRIX element: flags, dimensions, name, then the given payload elements.</summary>
    public static byte[] Matrix(string name, int matClass, bool logical, int[] dims, params byte[][] payload)
    {
        var flags = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(flags, (uint)(matClass | (logical ? 0x0200 : 0)));
        var content = new MemoryStream();
        content.Write(Element(MiUInt32, flags));
        content.Write(Element(MiInt32, Int32s(dims)));
        content.Write(Element(MiInt8, Encoding.ASCII.GetBytes(name), small: true));
        foreach (var p in payload) content.Write(p);
        return Element(MiMatrix, content.ToArray());
    }

    public static byte[] Compressed(byte[] element)
    {
        var z = new MemoryStream();
        using (var zs = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) zs.Write(element);
        var ms = new MemoryStream();
        var tag = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(tag, MiCompressed);
        BinaryPrimitives.WriteUInt32LittleEndian(tag.AsSpan(4), (uint)z.Length);
        ms.Write(tag);
        ms.Write(z.ToArray()); // no padding after a compressed element
        return ms.ToArray();
    }

    public MatFileBuilder Add(byte[] element)
    {
        _body.Write(element);
        return this;
    }

    public byte[] Build() => Header().Concat(_body.ToArray()).ToArray();

    /// <summary>A DTU-style ObsMask file: compressed logical ObsMask, BB (2×3 double), Res (double stored as miUINT8).</summary>
    public static byte[] ObsMaskFile(byte[] voxels, int[] dims, double[] min, double[] max, double res)
    {
        var resData = res == Math.Floor(res) && res is >= 0 and < 256
            ? Element(MiUInt8, [(byte)res], small: true)
            : Element(MiDouble, Doubles(res));
        return new MatFileBuilder()
            .Add(Compressed(Matrix("ObsMask", ClassUInt8, true, dims, Element(MiUInt8, voxels))))
            .Add(Compressed(Matrix("BB", ClassDouble, false, [2, 3], Element(MiDouble, Doubles(min[0], max[0], min[1], max[1], min[2], max[2])))))
            .Add(Matrix("Res", ClassDouble, false, [1, 1], resData))
            .Build();
    }

    public static byte[] PlaneFile(params double[] p) =>
        new MatFileBuilder().Add(Compressed(Matrix("P", ClassDouble, false, [4, 1], Element(MiDouble, Doubles(p))))).Build();
}
