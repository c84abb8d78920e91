using Mast3r.IO;
using Mast3r.Tests.TestSupport;
using static TorchSharp.torch;

namespace Mast3r.Tests.Matching;

/// <summary>Reads the matching fixtures of fixtures.md §7.3.</summary>
internal static class MatchFixtures
{
    public static Tensor Descriptors(string name)
    {
        var npy = NpyArray.Load(Path.Combine(TestPaths.TinyA, name + ".npy"));
        return tensor(npy.ToFloats(), npy.Shape);
    }

    /// <summary>The expected (x, y) rows of <c>{prefix}_xy0</c> and <c>{prefix}_xy1</c> as "x1,y1,x2,y2" strings in order.</summary>
    public static string[] ExpectedRows(string prefix)
    {
        var a = NpyArray.Load(Path.Combine(TestPaths.TinyA, prefix + "_xy0.npy")).ToLongs();
        var b = NpyArray.Load(Path.Combine(TestPaths.TinyA, prefix + "_xy1.npy")).ToLongs();
        return Enumerable.Range(0, a.Length / 2).Select(i => $"{a[2 * i]},{a[2 * i + 1]},{b[2 * i]},{b[2 * i + 1]}").ToArray();
    }

    public static string[] Rows(Mast3r.Matching.Correspondences m)
        => Enumerable.Range(0, m.Count).Select(i => $"{m.X1[i]},{m.Y1[i]},{m.X2[i]},{m.Y2[i]}").ToArray();
}
