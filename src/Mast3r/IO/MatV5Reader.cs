using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Mast3r.IO;

/// <summary>
/// Reads the subset of MAT-file level 5 (MATLAB v5–v7, what scipy.io.loadmat reads) used by evaluation data such as
/// the DTU ObsMask/Plane files: little-endian files; zlib-compressed (miCOMPRESSED) or plain miMATRIX elements;
/// numeric, logical and char arrays of any rank, with data stored in a narrower type than the class (MATLAB writes
/// a double array of small integers as miUINT8). Written from the public MAT-file format specification.
/// </summary>
/// <remarks>
/// Struct, cell, object, sparse and complex variables are skipped (listed in the error if asked for); v7.3 files
/// are HDF5 and are rejected with a clear message.
/// </remarks>
public static class MatV5Reader
{
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7,
        MiDouble = 9, MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15, MiUtf8 = 16, MiUtf16 = 17;

    /// <summary>Reads every supported variable of a file; errors name the file.</summary>
    public static IReadOnlyDictionary<string, MatArray> Read(string path)
    {
        try
        {
            return Read(File.ReadAllBytes(path));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads every supported variable from the bytes of a MAT-file.</summary>
    public static IReadOnlyDictionary<string, MatArray> Read(byte[] file)
    {
        if (file.Length < 128) throw new InvalidDataException("not a MAT-file (shorter than the 128-byte header)");
        string text = Encoding.ASCII.GetString(file, 0, 116);
        if (text.StartsWith("MATLAB 7.3", StringComparison.Ordinal) || text.Contains("HDF5", StringComparison.Ordinal))
            throw new InvalidDataException("MAT-file v7.3 (HDF5) is not supported; re-save with -v7");
        if (file[126] == 'M' && file[127] == 'I') throw new InvalidDataException("big-endian MAT-files are not supported");
        if (file[126] != 'I' || file[127] != 'M') throw new InvalidDataException("not a level-5 MAT-file (endian indicator missing)");

        var variables = new Dictionary<string, MatArray>(StringComparer.Ordinal);
        int pos = 128;
        while (pos + 8 <= file.Length)
        {
            var (type, size, dataStart, next) = ReadTag(file, pos);
            if (type == MiCompressed)
            {
                var inflated = Inflate(file, dataStart, size);
                var (innerType, innerSize, innerStart, _) = ReadTag(inflated, 0);
                if (innerType == MiMatrix) Add(variables, ReadMatrix(inflated, innerStart, innerSize));
                next = dataStart + size; // compressed elements are not padded to 8 bytes
            }
            else if (type == MiMatrix) Add(variables, ReadMatrix(file, dataStart, size));
            pos = next;
        }
        return variables;
    }

    private static void Add(Dictionary<string, MatArray> variables, MatArray? array)
    {
        if (array != null) variables[array.Name] = array;
    }

    /// <summary>A data element tag (full or small format): type, byte count, data offset, offset of the next element.</summary>
    private static (int Type, int Size, int DataStart, int Next) ReadTag(byte[] b, int pos)
    {
        if (pos + 8 > b.Length) throw new InvalidDataException($"truncated data element tag at byte {pos}");
        uint first = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(pos));
        if ((first >> 16) != 0)
            return ((int)(first & 0xFFFF), (int)(first >> 16), pos + 4, pos + 8);
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(pos + 4));
        long end = pos + 8L + size;
        if (end > b.Length) throw new InvalidDataException($"data element at byte {pos} claims {size} bytes, only {b.Length - pos - 8} remain");
        long padded = pos + 8L + (size + 7) / 8 * 8;
        return ((int)first, (int)size, pos + 8, (int)Math.Min(padded, b.Length));
    }

    private static byte[] Inflate(byte[] b, int start, int size)
    {
        try
        {
            using var z = new ZLibStream(new MemoryStream(b, start, size), CompressionMode.Decompress);
            using var output = new MemoryStream();
            z.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"corrupt compressed element at byte {start - 8}: {e.Message}", e);
        }
    }

    /// <summary>Parses the sub-elements of an miMATRIX; null for classes this reader skips.</summary>
    private static MatArray? ReadMatrix(byte[] b, int start, int size)
    {
        if (size == 0) return null;
        int pos = start;
        var (flagsType, _, flagsStart, next) = ReadTag(b, pos);
        if (flagsType != MiUInt32) throw new InvalidDataException($"array flags expected at byte {pos}");
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(flagsStart));
        var cls = (MatClass)(flags & 0xFF);
        bool complex = (flags & 0x0800) != 0, logical = (flags & 0x0200) != 0;
        pos = next;

        var (dimType, dimSize, dimStart, afterDims) = ReadTag(b, pos);
        if (dimType != MiInt32) throw new InvalidDataException($"dimensions expected at byte {pos}");
        var dims = new int[dimSize / 4];
        for (int i = 0; i < dims.Length; i++) dims[i] = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(dimStart + 4 * i));
        pos = afterDims;

        var (_, nameSize, nameStart, afterName) = ReadTag(b, pos);
        string name = Encoding.ASCII.GetString(b, nameStart, nameSize);
        pos = afterName;

        if (complex || cls is MatClass.Cell or MatClass.Struct or MatClass.Object or MatClass.Sparse) return null;
        long count = dims.Aggregate(1L, (a, d) => a * d);
        if (count > Array.MaxLength) throw new InvalidDataException($"variable '{name}' has {count} elements, more than an array can hold");
        var (dataType, dataSize, dataStart, _) = ReadTag(b, pos);
        var data = Convert(b.AsSpan(dataStart, dataSize), dataType, cls, (int)count, name);
        return new MatArray(name, dims, cls, logical, data);
    }

    /// <summary>Converts stored elements (any mi type) to the array's class.</summary>
    private static Array Convert(ReadOnlySpan<byte> raw, int type, MatClass cls, int count, string name)
    {
        int width = type switch
        {
            MiInt8 or MiUInt8 or MiUtf8 => 1,
            MiInt16 or MiUInt16 or MiUtf16 => 2,
            MiInt32 or MiUInt32 or MiSingle => 4,
            MiDouble or MiInt64 or MiUInt64 => 8,
            _ => throw new InvalidDataException($"variable '{name}': unsupported data type {type}"),
        };
        if (raw.Length < (long)count * width && cls != MatClass.Char)
            throw new InvalidDataException($"variable '{name}': {raw.Length} bytes of data for {count} elements of {width} bytes");
        if (cls == MatClass.Char)
            return (type is MiUtf8 or MiInt8 or MiUInt8 ? Encoding.UTF8.GetString(raw) : Encoding.Unicode.GetString(raw)).ToCharArray();
        if (cls == MatClass.UInt8 && type == MiUInt8) return raw[..count].ToArray();
        if (cls == MatClass.Double && type == MiDouble)
        {
            var d = new double[count];
            for (int i = 0; i < count; i++) d[i] = BinaryPrimitives.ReadDoubleLittleEndian(raw[(8 * i)..]);
            return d;
        }
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = ReadAsDouble(raw, type, i);
        return cls switch
        {
            MatClass.Double => values,
            MatClass.Single => values.Select(v => (float)v).ToArray(),
            MatClass.Int8 => values.Select(v => (sbyte)v).ToArray(),
            MatClass.UInt8 => values.Select(v => (byte)v).ToArray(),
            MatClass.Int16 => values.Select(v => (short)v).ToArray(),
            MatClass.UInt16 => values.Select(v => (ushort)v).ToArray(),
            MatClass.Int32 => values.Select(v => (int)v).ToArray(),
            MatClass.UInt32 => values.Select(v => (uint)v).ToArray(),
            MatClass.Int64 => values.Select(v => (long)v).ToArray(),
            MatClass.UInt64 => values.Select(v => (ulong)v).ToArray(),
            _ => throw new InvalidDataException($"variable '{name}': unsupported class {cls}"),
        };
    }

    private static double ReadAsDouble(ReadOnlySpan<byte> raw, int type, int i) => type switch
    {
        MiInt8 => (sbyte)raw[i],
        MiUInt8 => raw[i],
        MiInt16 => BinaryPrimitives.ReadInt16LittleEndian(raw[(2 * i)..]),
        MiUInt16 => BinaryPrimitives.ReadUInt16LittleEndian(raw[(2 * i)..]),
        MiInt32 => BinaryPrimitives.ReadInt32LittleEndian(raw[(4 * i)..]),
        MiUInt32 => BinaryPrimitives.ReadUInt32LittleEndian(raw[(4 * i)..]),
        MiSingle => BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * i)..]),
        MiDouble => BinaryPrimitives.ReadDoubleLittleEndian(raw[(8 * i)..]),
        MiInt64 => BinaryPrimitives.ReadInt64LittleEndian(raw[(8 * i)..]),
        _ => BinaryPrimitives.ReadUInt64LittleEndian(raw[(8 * i)..]),
    };
}
