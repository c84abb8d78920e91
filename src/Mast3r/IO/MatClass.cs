namespace Mast3r.IO;

/// <summary>MATLAB array classes (mxClassID) of the MAT-file level-5 format.</summary>
public enum MatClass
{
    /// <summary>Cell array.</summary>
    Cell = 1,
    /// <summary>Structure.</summary>
    Struct = 2,
    /// <summary>Object.</summary>
    Object = 3,
    /// <summary>Character array.</summary>
    Char = 4,
    /// <summary>Sparse array.</summary>
    Sparse = 5,
    /// <summary>Double precision.</summary>
    Double = 6,
    /// <summary>Single precision.</summary>
    Single = 7,
    /// <summary>Signed 8-bit.</summary>
    Int8 = 8,
    /// <summary>Unsigned 8-bit (also logical).</summary>
    UInt8 = 9,
    /// <summary>Signed 16-bit.</summary>
    Int16 = 10,
    /// <summary>Unsigned 16-bit.</summary>
    UInt16 = 11,
    /// <summary>Signed 32-bit.</summary>
    Int32 = 12,
    /// <summary>Unsigned 32-bit.</summary>
    UInt32 = 13,
    /// <summary>Signed 64-bit.</summary>
    Int64 = 14,
    /// <summary>Unsigned 64-bit.</summary>
    UInt64 = 15,
}
