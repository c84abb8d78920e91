using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Mast3r.IO;

/// <summary>
/// Reads the subset of MAT-file level 5 (MATLAB v5–v7, what scipy.io.loadmat reads) used by evaluation data such as
/// the DTU ObsMask/Plane files and the InLoc <c>XYZcut</c> cutouts: little-endian files; zlib-compressed
/// (miCOMPRESSED) or plain miMATRIX elements; numeric, logical and char arrays of any rank, with data stored in a
/// narrower type than the class (MATLAB writes a double array of small integers as miUINT8). Written from the public
/// MAT-file format specification.
/// </summary>
/// <remarks>
/// The file is streamed: a variable whose storage type matches its class (double as miDOUBLE, single as miSINGLE, …)
/// is inflated straight into its typed array, so neither the compressed file nor the inflated element is held in
/// memory beside it (a 1600×1200×3 double cutout costs its 46 MB array and nothing more). Struct, cell, object,
/// sparse and complex variables are skipped; v7.3 files are HDF5 and are rejected with a clear message.
/// </remarks>
public static class MatV5Reader
{
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7,
        MiDouble = 9, MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15, MiUtf8 = 16, MiUtf16 = 17;

    // Marks the format errors this reader raises, so those of the zlib decoder can be told apart.
    private const string OwnError = "Mast3r.MatV5Reader";

    private static InvalidDataException Error(string message, Exception? inner = null)
    {
        var e = new InvalidDataException(message, inner);
        e.Data[OwnError] = true;
        return e;
    }

    /// <summary>Reads every supported variable of a file; errors name the file.</summary>
    public static IReadOnlyDictionary<string, MatArray> Read(string path) => ReadFile(path, null);

    /// <summary>Reads only the named variables of a file: the others are skipped once their name is read, without
    /// inflating or converting their data (an InLoc cutout file may carry an RGB cutout beside XYZcut); errors name
    /// the file.</summary>
    public static IReadOnlyDictionary<string, MatArray> Read(string path, IReadOnlyCollection<string> names) => ReadFile(path, names.Contains);

    /// <summary>Reads every supported variable from the bytes of a MAT-file.</summary>
    public static IReadOnlyDictionary<string, MatArray> Read(byte[] file)
    {
        using var stream = new MemoryStream(file, writable: false);
        return Read(stream, null);
    }

    private static Dictionary<string, MatArray> ReadFile(string path, Func<string, bool>? wanted)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Read(file, wanted);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private static Dictionary<string, MatArray> Read(Stream file, Func<string, bool>? wanted)
    {
        long length = file.Length;
        if (length < 128) throw Error("not a MAT-file (shorter than the 128-byte header)");
        var header = new byte[128];
        file.ReadExactly(header);
        string text = Encoding.ASCII.GetString(header, 0, 116);
        if (text.StartsWith("MATLAB 7.3", StringComparison.Ordinal) || text.Contains("HDF5", StringComparison.Ordinal))
            throw Error("MAT-file v7.3 (HDF5) is not supported; re-save with -v7");
        if (header[126] == 'M' && header[127] == 'I') throw Error("big-endian MAT-files are not supported");
        if (header[126] != 'I' || header[127] != 'M') throw Error("not a level-5 MAT-file (endian indicator missing)");

        var variables = new Dictionary<string, MatArray>(StringComparer.Ordinal);
        long pos = 128;
        while (pos + 8 <= length)
        {
            file.Position = pos;
            var tag = ReadTag(file, pos);
            long size = tag.Small ? 0 : tag.Size;
            if (pos + 8 + size > length)
                throw Error($"data element at byte {pos} claims {size} bytes, only {length - pos - 8} remain");
            if (tag.Type == MiCompressed)
            {
                try
                {
                    using var z = new ZLibStream(new BoundedReadStream(file, size), CompressionMode.Decompress);
                    var inner = ReadTag(z, pos);
                    if (inner.Type == MiMatrix) Add(variables, ReadMatrix(z, inner.Size, pos, wanted));
                }
                catch (InvalidDataException e) when (!e.Data.Contains(OwnError))
                {
                    // Only zlib's own errors land here.
                    throw Error($"corrupt compressed element at byte {pos}: {e.Message}", e);
                }
                pos += 8 + size; // compressed elements are not padded to 8 bytes
            }
            else
            {
                if (tag.Type == MiMatrix) Add(variables, ReadMatrix(new BoundedReadStream(file, size), tag.Size, pos, wanted));
                pos += 8 + (size + 7) / 8 * 8;
            }
        }
        return variables;
    }

    private static void Add(Dictionary<string, MatArray> variables, MatArray? array)
    {
        if (array != null) variables[array.Name] = array;
    }

    /// <summary>A data element tag: type, byte count and, for the small format (≤ 4 bytes), the data itself.</summary>
    private readonly record struct Tag(int Type, int Size, bool Small, uint SmallData)
    {
        public byte[] SmallBytes()
        {
            var b = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(b, SmallData);
            return b[..Math.Min(4, Size)];
        }
    }

    private static Tag ReadTag(Stream s, long element)
    {
        Span<byte> b = stackalloc byte[8];
        ReadExactly(s, b, element, "a data element tag");
        uint first = BinaryPrimitives.ReadUInt32LittleEndian(b);
        if ((first >> 16) != 0)
            return new Tag((int)(first & 0xFFFF), (int)(first >> 16), true, BinaryPrimitives.ReadUInt32LittleEndian(b[4..]));
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(b[4..]);
        if (size > int.MaxValue) throw Error($"a data element inside the element at byte {element} claims {size} bytes");
        return new Tag((int)first, (int)size, false, 0);
    }

    private static void ReadExactly(Stream s, Span<byte> buffer, long element, string what)
    {
        try { s.ReadExactly(buffer); }
        catch (EndOfStreamException) { throw Error($"the element at byte {element} ends inside {what}"); }
    }

    /// <summary>The data of a small sub-element (flags, dimensions, name), padding consumed.</summary>
    private static byte[] ReadSubElement(Stream s, long element, string what, out int type)
    {
        var tag = ReadTag(s, element);
        type = tag.Type;
        if (tag.Small) return tag.SmallBytes();
        var data = new byte[(tag.Size + 7) / 8 * 8];
        ReadExactly(s, data, element, what);
        return data[..tag.Size];
    }

    /// <summary>Parses the sub-elements of an miMATRIX; null for classes this reader skips and unwanted names.</summary>
    private static MatArray? ReadMatrix(Stream s, int size, long element, Func<string, bool>? wanted)
    {
        if (size == 0) return null;
        var flagBytes = ReadSubElement(s, element, "the array flags", out int flagsType);
        if (flagsType != MiUInt32 || flagBytes.Length < 4) throw Error($"array flags expected in the element at byte {element}");
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(flagBytes);
        var cls = (MatClass)(flags & 0xFF);
        bool complex = (flags & 0x0800) != 0, logical = (flags & 0x0200) != 0;

        var dimBytes = ReadSubElement(s, element, "the dimensions", out int dimType);
        if (dimType != MiInt32) throw Error($"dimensions expected in the element at byte {element}");
        var dims = new int[dimBytes.Length / 4];
        for (int i = 0; i < dims.Length; i++) dims[i] = BinaryPrimitives.ReadInt32LittleEndian(dimBytes.AsSpan(4 * i));
        string name = Encoding.ASCII.GetString(ReadSubElement(s, element, "the array name", out _));

        if (complex || cls is MatClass.Cell or MatClass.Struct or MatClass.Object or MatClass.Sparse || wanted?.Invoke(name) == false) return null;
        long count = dims.Aggregate(1L, (a, d) => a * d);
        if (count > Array.MaxLength) throw Error($"variable '{name}' has {count} elements, more than an array can hold");
        var data = ReadData(s, element, cls, (int)count, name);
        return new MatArray(name, dims, cls, logical, data);
    }

    private static int Width(int type, string name) => type switch
    {
        MiInt8 or MiUInt8 or MiUtf8 => 1,
        MiInt16 or MiUInt16 or MiUtf16 => 2,
        MiInt32 or MiUInt32 or MiSingle => 4,
        MiDouble or MiInt64 or MiUInt64 => 8,
        _ => throw Error($"variable '{name}': unsupported data type {type}"),
    };

    /// <summary>The stored type whose bytes are the class's own (no conversion needed), or 0.</summary>
    private static int NativeType(MatClass cls) => cls switch
    {
        MatClass.Double => MiDouble, MatClass.Single => MiSingle, MatClass.Int8 => MiInt8, MatClass.UInt8 => MiUInt8,
        MatClass.Int16 => MiInt16, MatClass.UInt16 => MiUInt16, MatClass.Int32 => MiInt32, MatClass.UInt32 => MiUInt32,
        MatClass.Int64 => MiInt64, MatClass.UInt64 => MiUInt64, _ => 0,
    };

    private static Array ReadData(Stream s, long element, MatClass cls, int count, string name)
    {
        var tag = ReadTag(s, element);
        int width = Width(tag.Type, name);
        if (cls != MatClass.Char && tag.Size < (long)count * width)
            throw Error($"variable '{name}': {tag.Size} bytes of data for {count} elements of {width} bytes");
        if (!tag.Small && tag.Type == NativeType(cls) && BitConverter.IsLittleEndian)
            return cls switch
            {
                MatClass.Double => ReadNative<double>(s, count, element, name),
                MatClass.Single => ReadNative<float>(s, count, element, name),
                MatClass.Int8 => ReadNative<sbyte>(s, count, element, name),
                MatClass.UInt8 => ReadNative<byte>(s, count, element, name),
                MatClass.Int16 => ReadNative<short>(s, count, element, name),
                MatClass.UInt16 => ReadNative<ushort>(s, count, element, name),
                MatClass.Int32 => ReadNative<int>(s, count, element, name),
                MatClass.UInt32 => ReadNative<uint>(s, count, element, name),
                MatClass.Int64 => ReadNative<long>(s, count, element, name),
                _ => ReadNative<ulong>(s, count, element, name),
            };
        byte[] raw;
        if (tag.Small) raw = tag.SmallBytes();
        else
        {
            raw = new byte[tag.Size];
            ReadExactly(s, raw, element, $"the data of variable '{name}'");
        }
        return Convert(raw, tag.Type, cls, count, name);
    }

    // Little-endian host: the stored bytes are the array's bytes.
    private static T[] ReadNative<T>(Stream s, int count, long element, string name) where T : unmanaged
    {
        var a = new T[count];
        ReadExactly(s, MemoryMarshal.AsBytes(a.AsSpan()), element, $"the data of variable '{name}'");
        return a;
    }

    /// <summary>Converts stored elements (any mi type) to the array's class.</summary>
    private static Array Convert(ReadOnlySpan<byte> raw, int type, MatClass cls, int count, string name)
    {
        if (cls == MatClass.Char)
            return (type is MiUtf8 or MiInt8 or MiUInt8 ? Encoding.UTF8.GetString(raw) : Encoding.Unicode.GetString(raw)).ToCharArray();
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = ReadAsDouble(raw, type, i);
        return cls switch
        {
            MatClass.Double => values,
            MatClass.Single => Array.ConvertAll(values, v => (float)v),
            MatClass.Int8 => Array.ConvertAll(values, v => (sbyte)v),
            MatClass.UInt8 => Array.ConvertAll(values, v => (byte)v),
            MatClass.Int16 => Array.ConvertAll(values, v => (short)v),
            MatClass.UInt16 => Array.ConvertAll(values, v => (ushort)v),
            MatClass.Int32 => Array.ConvertAll(values, v => (int)v),
            MatClass.UInt32 => Array.ConvertAll(values, v => (uint)v),
            MatClass.Int64 => Array.ConvertAll(values, v => (long)v),
            MatClass.UInt64 => Array.ConvertAll(values, v => (ulong)v),
            _ => throw Error($"variable '{name}': unsupported class {cls}"),
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
