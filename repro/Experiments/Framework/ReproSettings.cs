namespace Mast3r.Repro.Experiments.Framework;

/// <summary>
/// Every environment variable the experiment tests read (set by the Cake <c>Reproduce</c> target, or by hand):
/// <list type="table">
/// <item><term>REPRO_CHECKPOINT_DIR</term><description>directory holding <c>MASt3R_ViTLarge_BaseDecoder_512_catmlpdpt_metric.pth</c>; default <c>&lt;repo&gt;/checkpoints</c>.</description></item>
/// <item><term>REPRO_DATA_ROOT</term><description>root of the benchmark datasets (<c>&lt;root&gt;/aachen</c>, <c>&lt;root&gt;/mapfree</c>…, layouts in Mast3r.Datasets.DatasetLayout); default <c>&lt;repo&gt;/data</c>.</description></item>
/// <item><term>REPRO_DEVICE</term><description><c>cpu</c> (default) or <c>cuda</c>, passed to the network predictor.</description></item>
/// <item><term>REPRO_DTYPE</term><description><c>float32</c> (default), <c>float16</c> or <c>bfloat16</c>, passed to the network predictor.</description></item>
/// <item><term>REPRO_OUTPUT</term><description>run directory: results, submissions, caches, synthetic layouts; default <c>&lt;repo&gt;/artifacts/repro/local</c>.</description></item>
/// <item><term>REPRO_VARIANT</term><description>optional: run only this variant id (e.g. <c>aachen-day</c>); other rows are skipped.</description></item>
/// <item><term>REPRO_REQUIRE_DATA</term><description><c>1</c>: a paper row whose data or checkpoint is missing fails instead of being skipped.</description></item>
/// </list>
/// </summary>
internal sealed record ReproSettings(string CheckpointDir, string DataRoot, string Device, string DType, string Output, string? Variant, bool RequireData)
{
    public const string CheckpointFile = "MASt3R_ViTLarge_BaseDecoder_512_catmlpdpt_metric.pth";

    public static ReproSettings FromEnvironment()
    {
        string repo = RepoRoot();
        string Env(string name, string fallback) =>
            Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? Path.GetFullPath(v) : fallback;
        return new ReproSettings(
            Env("REPRO_CHECKPOINT_DIR", Path.Combine(repo, "checkpoints")),
            Env("REPRO_DATA_ROOT", Path.Combine(repo, "data")),
            Environment.GetEnvironmentVariable("REPRO_DEVICE") is { Length: > 0 } d ? d : "cpu",
            Environment.GetEnvironmentVariable("REPRO_DTYPE") is { Length: > 0 } t ? t : "float32",
            Env("REPRO_OUTPUT", Path.Combine(repo, "artifacts", "repro", "local")),
            Environment.GetEnvironmentVariable("REPRO_VARIANT") is { Length: > 0 } v ? v : null,
            Environment.GetEnvironmentVariable("REPRO_REQUIRE_DATA") == "1");
    }

    public string CheckpointPath => Path.Combine(CheckpointDir, CheckpointFile);

    /// <summary>The repository root (directory of Mast3r.Repro.sln above the test binary), or the working directory.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mast3r.Repro.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
