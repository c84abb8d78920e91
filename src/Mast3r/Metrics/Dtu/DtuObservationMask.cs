using Mast3r.IO;

namespace Mast3r.Metrics.Dtu;

/// <summary>
/// The DTU observation mask (<c>ObsMask/ObsMask&lt;scan&gt;_10.mat</c>): a logical voxel grid of the observed volume,
/// its bounding box <c>BB</c> (row 1 = min corner, row 2 = max corner, mm) and voxel size <c>Res</c> (mm).
/// </summary>
public sealed class DtuObservationMask
{
    /// <summary>Creates a mask from a column-major voxel grid.</summary>
    public DtuObservationMask(byte[] voxels, int[] dimensions, double[] boxMin, double[] boxMax, double resolution)
    {
        if (dimensions.Length != 3) throw new ArgumentException($"ObsMask must be 3-D, got {dimensions.Length}-D");
        if (voxels.LongLength != (long)dimensions[0] * dimensions[1] * dimensions[2]) throw new ArgumentException("ObsMask size does not match its dimensions");
        if (!(resolution > 0)) throw new ArgumentException($"Res must be positive, got {resolution}");
        Voxels = voxels;
        Dimensions = dimensions;
        BoxMin = boxMin;
        BoxMax = boxMax;
        Resolution = resolution;
    }

    /// <summary>Voxel flags, column-major: (i, j, k) at i + d0·(j + d1·k); i indexes x.</summary>
    public byte[] Voxels { get; }

    /// <summary>Grid size along x, y, z.</summary>
    public int[] Dimensions { get; }

    /// <summary>Minimum corner of the bounding box, mm.</summary>
    public double[] BoxMin { get; }

    /// <summary>Maximum corner of the bounding box, mm.</summary>
    public double[] BoxMax { get; }

    /// <summary>Voxel size, mm.</summary>
    public double Resolution { get; }

    /// <summary>Reads the variables <c>ObsMask</c>, <c>BB</c> and <c>Res</c> of a MAT-file.</summary>
    public static DtuObservationMask Load(string path)
    {
        var vars = MatV5Reader.Read(path);
        MatArray Get(string name) => vars.TryGetValue(name, out var a) ? a
            : throw new InvalidDataException($"{path}: variable '{name}' not found (has: {string.Join(", ", vars.Keys)})");
        var mask = Get("ObsMask");
        var bb = Get("BB");
        var res = Get("Res");
        if (mask.Dimensions.Length != 3) throw new InvalidDataException($"{path}: ObsMask must be a 3-D array, got {mask}");
        // Logical/uint8 as released; any other numeric class is read as "non-zero = observed".
        var voxels = mask.Data as byte[] ?? mask.ToDoubles().Select(v => (byte)(v != 0 ? 1 : 0)).ToArray();
        if (bb.Count != 6 || bb.Dimensions[0] != 2) throw new InvalidDataException($"{path}: BB must be 2×3, got {bb}");
        if (res.Count != 1) throw new InvalidDataException($"{path}: Res must be a scalar, got {res}");
        var b = bb.ToDoubles(); // column-major 2×3: (row, col) at row + 2·col
        return new DtuObservationMask(voxels, mask.Dimensions, [b[0], b[2], b[4]], [b[1], b[3], b[5]], res[0]);
    }

    /// <summary>The box corners as the chosen protocol sees them (DTUeval-python casts BB to float32).</summary>
    internal (double[] Min, double[] Max) Box(DtuProtocol protocol) => protocol == DtuProtocol.DtuEvalPython
        ? (BoxMin.Select(v => (double)(float)v).ToArray(), BoxMax.Select(v => (double)(float)v).ToArray())
        : (BoxMin, BoxMax);

    /// <summary>True if the point falls in a voxel of the grid that is flagged observed.</summary>
    public bool Contains(double x, double y, double z, DtuProtocol protocol)
    {
        var (min, _) = Box(protocol);
        Span<double> p = [x, y, z];
        long index = 0, stride = 1;
        for (int c = 0; c < 3; c++)
        {
            // MATLAB rounds the 1-based coordinate, numpy the 0-based one; they differ at negative half voxels too.
            double v = protocol == DtuProtocol.Matlab
                ? Math.Round((p[c] - min[c]) / Resolution + 1, MidpointRounding.AwayFromZero) - 1
                : Math.Round((p[c] - min[c]) / Resolution, MidpointRounding.ToEven);
            if (!(v >= 0 && v < Dimensions[c])) return false;
            index += (long)v * stride;
            stride *= Dimensions[c];
        }
        return Voxels[index] != 0;
    }
}
