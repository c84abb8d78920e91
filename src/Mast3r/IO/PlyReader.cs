using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Mast3r.IO;

/// <summary>
/// Reads the vertex positions of a PLY file (ascii, binary_little_endian or binary_big_endian): the x, y, z
/// properties of the <c>vertex</c> element, any numeric type, other properties and elements (including list
/// properties such as faces) skipped. Points come back as a flat array x0, y0, z0, x1, … in double precision.
/// </summary>
public static class PlyReader
{
    private sealed record Property(string Name, string Type, string? CountType);

    private sealed record Element(string Name, long Count, List<Property> Properties);

    /// <summary>Reads a file; errors name the file and, for the header or ASCII data, the line.</summary>
    public static double[] ReadVertices(string path)
    {
        try
        {
            return ReadVertices(File.ReadAllBytes(path));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads vertex positions from the bytes of a PLY file.</summary>
    public static double[] ReadVertices(byte[] bytes)
    {
        var (format, elements, dataStart, headerLines) = ParseHeader(bytes);
        var vertex = elements.FirstOrDefault(e => e.Name == "vertex") ?? throw new InvalidDataException("no 'element vertex' in the header");
        int[] xyz = new[] { "x", "y", "z" }.Select(n => vertex.Properties.FindIndex(p => p.Name == n && p.CountType == null)).ToArray();
        if (xyz.Any(i => i < 0)) throw new InvalidDataException("the vertex element lacks scalar x, y and z properties");
        if (vertex.Count * 3 > Array.MaxLength) throw new InvalidDataException($"{vertex.Count} vertices are too many");
        var points = new double[vertex.Count * 3];
        if (format == "ascii") ReadAscii(bytes, dataStart, headerLines, elements, vertex, xyz, points);
        else ReadBinary(bytes, dataStart, format == "binary_big_endian", elements, vertex, xyz, points);
        return points;
    }

    private static (string Format, List<Element> Elements, int DataStart, int HeaderLines) ParseHeader(byte[] bytes)
    {
        var elements = new List<Element>();
        string? format = null;
        int pos = 0, line = 0;
        while (true)
        {
            int nl = Array.IndexOf(bytes, (byte)'\n', pos);
            if (nl < 0) throw new InvalidDataException("header has no end_header line");
            string text = Encoding.ASCII.GetString(bytes, pos, nl - pos).TrimEnd('\r').Trim();
            pos = nl + 1;
            line++;
            var f = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (line == 1)
            {
                if (text != "ply") throw new InvalidDataException("not a PLY file (first line is not 'ply')");
                continue;
            }
            if (f.Length == 0 || f[0] is "comment" or "obj_info") continue;
            if (f[0] == "end_header") break;
            switch (f[0])
            {
                case "format" when f.Length >= 2 && f[1] is "ascii" or "binary_little_endian" or "binary_big_endian":
                    format = f[1];
                    break;
                case "element" when f.Length == 3 && long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out long n):
                    elements.Add(new Element(f[1], n, []));
                    break;
                case "property" when elements.Count > 0 && f.Length == 3 && Width(f[1]) > 0:
                    elements[^1].Properties.Add(new Property(f[2], f[1], null));
                    break;
                case "property" when elements.Count > 0 && f.Length == 5 && f[1] == "list" && Width(f[2]) > 0 && Width(f[3]) > 0:
                    elements[^1].Properties.Add(new Property(f[4], f[3], f[2]));
                    break;
                default:
                    throw new InvalidDataException($"header line {line}: cannot parse '{text}'");
            }
        }
        return (format ?? throw new InvalidDataException("header has no supported 'format' line"), elements, pos, line);
    }

    private static int Width(string type) => type switch
    {
        "char" or "uchar" or "int8" or "uint8" => 1,
        "short" or "ushort" or "int16" or "uint16" => 2,
        "int" or "uint" or "float" or "int32" or "uint32" or "float32" => 4,
        "double" or "float64" => 8,
        _ => 0,
    };

    private static void ReadAscii(byte[] bytes, int start, int headerLines, List<Element> elements, Element vertex, int[] xyz, double[] points)
    {
        using var reader = new StringReader(Encoding.ASCII.GetString(bytes, start, bytes.Length - start));
        int line = headerLines;
        foreach (var element in elements)
        {
            for (long i = 0; i < element.Count; i++)
            {
                line++;
                string text = reader.ReadLine() ?? throw new InvalidDataException($"line {line}: file ends inside element '{element.Name}' ({i} of {element.Count})");
                if (element != vertex) continue;
                var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                int t = 0;
                for (int p = 0; p < element.Properties.Count; p++)
                {
                    int n = element.Properties[p].CountType == null ? 1 : 1 + (int)Parse(tokens, t, line);
                    int c = Array.IndexOf(xyz, p);
                    if (c >= 0) points[3 * i + c] = Parse(tokens, t, line);
                    t += n;
                }
            }
            if (element == vertex) return;
        }
    }

    private static double Parse(string[] tokens, int t, int line)
    {
        if (t >= tokens.Length) throw new InvalidDataException($"line {line}: too few values");
        return double.TryParse(tokens[t], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v : throw new InvalidDataException($"line {line}: '{tokens[t]}' is not a number");
    }

    private static void ReadBinary(byte[] bytes, int pos, bool bigEndian, List<Element> elements, Element vertex, int[] xyz, double[] points)
    {
        foreach (var element in elements)
        {
            bool fixedSize = element.Properties.All(p => p.CountType == null);
            for (long i = 0; i < element.Count; i++)
            {
                if (element != vertex && fixedSize)
                {
                    pos = checked(pos + (int)(element.Properties.Sum(p => Width(p.Type)) * (element.Count - i)));
                    break;
                }
                for (int p = 0; p < element.Properties.Count; p++)
                {
                    var prop = element.Properties[p];
                    if (prop.CountType != null)
                    {
                        long n = (long)Value(bytes, ref pos, prop.CountType, bigEndian, element.Name);
                        pos += (int)(n * Width(prop.Type));
                        continue;
                    }
                    double v = Value(bytes, ref pos, prop.Type, bigEndian, element.Name);
                    int c = Array.IndexOf(xyz, p);
                    if (c >= 0 && element == vertex) points[3 * i + c] = v;
                }
            }
            if (pos > bytes.Length) throw new InvalidDataException($"file ends inside element '{element.Name}'");
            if (element == vertex) return;
        }
    }

    private static double Value(byte[] b, ref int pos, string type, bool bigEndian, string element)
    {
        int w = Width(type);
        if (pos + w > b.Length) throw new InvalidDataException($"file ends inside element '{element}'");
        var s = b.AsSpan(pos, w);
        pos += w;
        return type switch
        {
            "char" or "int8" => (sbyte)s[0],
            "uchar" or "uint8" => s[0],
            "short" or "int16" => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s),
            "ushort" or "uint16" => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s),
            "int" or "int32" => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s),
            "uint" or "uint32" => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s),
            "float" or "float32" => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s),
            _ => bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s),
        };
    }
}
