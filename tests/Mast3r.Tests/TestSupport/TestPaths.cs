namespace Mast3r.Tests.TestSupport;

/// <summary>Locates committed test inputs from the test binary, whatever the working directory.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mast3r.Repro.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"Mast3r.Repro.sln not found above {AppContext.BaseDirectory}.");
    });

    public static string RepoRoot => Root.Value;
    public static string Fixtures => Path.Combine(RepoRoot, "tests", "Fixtures");
    public static string Parity => Path.Combine(Fixtures, "parity");
    public static string TinyA => Path.Combine(Parity, "tiny_a");
    public static string ParityImages => Path.Combine(Parity, "images");
    public static string Losses => Path.Combine(Fixtures, "losses");

    /// <summary>A fresh empty directory under the system temp folder.</summary>
    public static string NewTempDir(string prefix = "mast3r-test")
    {
        string path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
