using System.Globalization;
using Mast3r.IO;

namespace Mast3r.Metrics.Dtu;

/// <summary>Paths and readers of the official DTU evaluation layout (SampleSet/MVS Data: ObsMask/, Points/stl/).</summary>
internal static class DtuFiles
{
    public static string ObsMaskPath(string root, int scan) => Path.Combine(root, "ObsMask", $"ObsMask{scan}_10.mat");

    public static string PlanePath(string root, int scan) => Path.Combine(root, "ObsMask", $"Plane{scan}.mat");

    public static string StlPath(string root, int scan) =>
        Path.Combine(root, "Points", "stl", string.Create(CultureInfo.InvariantCulture, $"stl{scan:000}_total.ply"));

    /// <summary>The plane P (4 coefficients) from <c>Plane&lt;scan&gt;.mat</c>.</summary>
    public static double[] LoadPlane(string path)
    {
        var vars = MatV5Reader.Read(path);
        if (!vars.TryGetValue("P", out var p)) throw new InvalidDataException($"{path}: variable 'P' not found (has: {string.Join(", ", vars.Keys)})");
        if (p.Count != 4) throw new InvalidDataException($"{path}: P must have 4 elements, got {p}");
        return p.ToDoubles();
    }

    /// <summary>Loads mask, plane and reference points of a scan; errors name the missing file.</summary>
    public static (DtuObservationMask Mask, double[] Plane, double[] Reference) LoadScan(string root, int scan)
    {
        string mask = ObsMaskPath(root, scan), plane = PlanePath(root, scan), stl = StlPath(root, scan);
        foreach (var p in new[] { mask, plane, stl })
            if (!File.Exists(p)) throw new InvalidDataException($"{p}: DTU evaluation file not found");
        return (DtuObservationMask.Load(mask), LoadPlane(plane), PlyReader.ReadVertices(stl));
    }
}
