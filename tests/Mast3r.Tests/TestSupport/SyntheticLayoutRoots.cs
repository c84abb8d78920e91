using System.Collections.Concurrent;
using Mast3r.Datasets.Synthetic;

namespace Mast3r.Tests.TestSupport;

/// <summary>
/// One generated synthetic layout per dataset per test process (generation ray-casts whole scenes, so reader tests
/// share it instead of writing their own).
/// </summary>
internal static class SyntheticLayoutRoots
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Roots = new(StringComparer.Ordinal);

    /// <summary>The data root holding <c>&lt;root&gt;/&lt;dataset&gt;/</c>.</summary>
    public static string Root(string dataset) => Roots.GetOrAdd(dataset, d => new Lazy<string>(() =>
    {
        string root = TestPaths.NewTempDir();
        SyntheticLayouts.Write(d, root);
        return root;
    })).Value;

    /// <summary>The dataset directory <c>&lt;root&gt;/&lt;dataset&gt;</c>.</summary>
    public static string Dataset(string dataset) => Path.Combine(Root(dataset), dataset);
}
