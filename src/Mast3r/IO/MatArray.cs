namespace Mast3r.IO;

/// <summary>
/// A numeric, logical or character variable of a MAT-file (level 5). Elements are in MATLAB's column-major
/// order: element (i, j, k) of a d0×d1×d2 array is at i + d0·(j + d1·k). Storage follows the MATLAB class:
/// <c>byte[]</c> for uint8 and logical, <c>double[]</c> for double, and so on.
/// </summary>
public sealed class MatArray
{
    internal MatArray(string name, int[] dimensions, MatClass matClass, bool isLogical, Array data)
    {
        Name = name;
        Dimensions = dimensions;
        Class = matClass;
        IsLogical = isLogical;
        Data = data;
    }

    /// <summary>Variable name.</summary>
    public string Name { get; }

    /// <summary>Dimensions (at least two, as MATLAB stores them).</summary>
    public int[] Dimensions { get; }

    /// <summary>The MATLAB class of the array.</summary>
    public MatClass Class { get; }

    /// <summary>True for logical arrays (stored as uint8).</summary>
    public bool IsLogical { get; }

    /// <summary>Column-major elements, typed by class (char arrays hold <c>char[]</c>).</summary>
    public Array Data { get; }

    /// <summary>Number of elements.</summary>
    public long Count => Data.LongLength;

    /// <summary>Element <paramref name="index"/> (column-major) converted to double.</summary>
    public double this[long index] => Convert.ToDouble(Data.GetValue(index), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>All elements as doubles (column-major).</summary>
    public double[] ToDoubles() => Data switch
    {
        double[] d => (double[])d.Clone(),
        float[] f => Array.ConvertAll(f, v => (double)v),
        byte[] b => Array.ConvertAll(b, v => (double)v),
        sbyte[] b => Array.ConvertAll(b, v => (double)v),
        short[] i => Array.ConvertAll(i, v => (double)v),
        ushort[] i => Array.ConvertAll(i, v => (double)v),
        int[] i => Array.ConvertAll(i, v => (double)v),
        uint[] i => Array.ConvertAll(i, v => (double)v),
        long[] i => Array.ConvertAll(i, v => (double)v),
        ulong[] i => Array.ConvertAll(i, v => (double)v),
        _ => Enumerable.Range(0, (int)Count).Select(i => this[i]).ToArray(),
    };

    /// <summary>The raw bytes of a uint8 or logical array (column-major), without copying.</summary>
    public byte[] AsBytes() => Data as byte[] ?? throw new InvalidOperationException($"MAT variable '{Name}' is {Class}, not uint8/logical");

    /// <summary>A char array as a string (column-major; a row vector reads left to right).</summary>
    public override string ToString() => Data is char[] c ? new string(c) : $"{Name}: {Class}[{string.Join("×", Dimensions)}]";
}
