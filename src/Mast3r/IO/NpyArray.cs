using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Mast3r.IO;

/// <summary>
/// An array in NumPy's <c>.npy</c> format (version 1.0–3.0, C order, little-endian): the interchange format of the
/// CLI outputs and of the parity fixtures.
/// </summary>
public sealed partial class NpyArray
{
    private static readonly byte[] Magic = { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

    /// <summary>Creates an array from raw little-endian bytes.</summary>
    public NpyArray(string dtype, long[] shape, byte[] data)
    {
        ItemSize = ItemSizeOf(dtype);
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (data.LongLength != count * ItemSize)
            throw new ArgumentException($"npy: {data.LongLength} bytes do not fit shape [{string.Join(",", shape)}] of {dtype}.");
        DType = dtype;
        Shape = shape;
        Data = data;
    }

    /// <summary>NumPy dtype string: <c>&lt;f4</c>, <c>&lt;f8</c>, <c>&lt;i4</c>, <c>&lt;i8</c>, <c>|u1</c> or <c>|b1</c>.</summary>
    public string DType { get; }

    /// <summary>Shape, outermost first.</summary>
    public long[] Shape { get; }

    /// <summary>Raw little-endian element bytes in C order.</summary>
    public byte[] Data { get; }

    /// <summary>Bytes per element.</summary>
    public int ItemSize { get; }

    /// <summary>Number of elements.</summary>
    public long Count => Data.LongLength / ItemSize;

    /// <summary>Reads a file; errors name the file.</summary>
    public static NpyArray Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Read(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads from a stream positioned at the magic string.</summary>
    public static NpyArray Read(Stream stream)
    {
        var head = ReadExactly(stream, 8);
        if (!head.AsSpan(0, 6).SequenceEqual(Magic)) throw new InvalidDataException("not a .npy file (bad magic).");
        int major = head[6];
        int headerLength = major switch
        {
            1 => BinaryPrimitives.ReadUInt16LittleEndian(ReadExactly(stream, 2)),
            2 or 3 => checked((int)BinaryPrimitives.ReadUInt32LittleEndian(ReadExactly(stream, 4))),
            _ => throw new InvalidDataException($"unsupported .npy version {major}."),
        };
        string header = Encoding.Latin1.GetString(ReadExactly(stream, headerLength));
        var descr = DescrRegex().Match(header);
        var order = FortranRegex().Match(header);
        var shapeMatch = ShapeRegex().Match(header);
        if (!descr.Success || !order.Success || !shapeMatch.Success) throw new InvalidDataException($"malformed header {header.Trim()}.");
        if (order.Groups[1].Value == "True") throw new InvalidDataException("Fortran-ordered arrays are not supported.");
        string dtype = descr.Groups[1].Value;
        long[] shape = shapeMatch.Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        long bytes = shape.Aggregate(1L, (a, b) => a * b) * ItemSizeOf(dtype);
        return new NpyArray(dtype, shape, ReadExactly(stream, checked((int)bytes)));
    }

    /// <summary>Writes the array as .npy version 1.0.</summary>
    public void Save(string path)
    {
        using var stream = File.Create(path);
        Write(stream);
    }

    /// <summary>Writes the array as .npy version 1.0 to a stream.</summary>
    public void Write(Stream stream)
    {
        string shape = Shape.Length == 1 ? $"({Shape[0]},)" : "(" + string.Join(", ", Shape) + ")";
        string dict = $"{{'descr': '{DType}', 'fortran_order': False, 'shape': {shape}, }}";
        int total = Magic.Length + 2 + 2 + dict.Length + 1;
        int pad = (64 - total % 64) % 64;
        string header = dict + new string(' ', pad) + "\n";
        stream.Write(Magic);
        stream.WriteByte(1);
        stream.WriteByte(0);
        Span<byte> len = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(len, checked((ushort)header.Length));
        stream.Write(len);
        stream.Write(Encoding.Latin1.GetBytes(header));
        stream.Write(Data);
    }

    /// <summary>A float32 array.</summary>
    public static NpyArray FromFloats(float[] values, params long[] shape)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return new NpyArray("<f4", shape, bytes);
    }

    /// <summary>An int32 array.</summary>
    public static NpyArray FromInts(int[] values, params long[] shape)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return new NpyArray("<i4", shape, bytes);
    }

    /// <summary>Elements converted to float32 (from any supported dtype).</summary>
    public float[] ToFloats() => DType == "<f4" ? AsF4() : ToDoubles().Select(v => (float)v).ToArray();

    /// <summary>Elements converted to float64.</summary>
    public double[] ToDoubles()
    {
        var result = new double[Count];
        for (long i = 0; i < Count; i++) result[i] = Element(i);
        return result;
    }

    /// <summary>Elements converted to int64 (integers, bools, bytes; floats are rejected).</summary>
    public long[] ToLongs()
    {
        if (DType is "<f4" or "<f8") throw new InvalidOperationException($"npy: cannot read {DType} as integers.");
        var result = new long[Count];
        for (long i = 0; i < Count; i++) result[i] = (long)Element(i);
        return result;
    }

    private float[] AsF4()
    {
        var f = new float[Count];
        Buffer.BlockCopy(Data, 0, f, 0, Data.Length);
        return f;
    }

    private double Element(long i)
    {
        var s = Data.AsSpan(checked((int)(i * ItemSize)), ItemSize);
        return DType switch
        {
            "<f4" => BinaryPrimitives.ReadSingleLittleEndian(s),
            "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(s),
            "<i4" => BinaryPrimitives.ReadInt32LittleEndian(s),
            "<i8" => BinaryPrimitives.ReadInt64LittleEndian(s),
            "<u2" => BinaryPrimitives.ReadUInt16LittleEndian(s),
            "|u1" or "|b1" => s[0],
            _ => throw new InvalidDataException($"unsupported dtype {DType}."),
        };
    }

    private static int ItemSizeOf(string dtype) => dtype switch
    {
        "<f4" or "<i4" => 4,
        "<f8" or "<i8" => 8,
        "<u2" => 2,
        "|u1" or "|b1" => 1,
        _ => throw new InvalidDataException($"unsupported dtype '{dtype}' (supported: <f4 <f8 <i4 <i8 <u2 |u1 |b1)."),
    };

    private static byte[] ReadExactly(Stream stream, int count)
    {
        var buffer = new byte[count];
        int read = 0;
        while (read < count)
        {
            int n = stream.Read(buffer, read, count - read);
            if (n == 0) throw new InvalidDataException($"truncated: expected {count} bytes, got {read}.");
            read += n;
        }
        return buffer;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']+)'")]
    private static partial Regex DescrRegex();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranRegex();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}
