using System.Security.Cryptography;
using Mast3r.Datasets;
using Mast3r.Datasets.Synthetic;
using Mast3r.Inference;

namespace Mast3r.Repro.Experiments.Framework;

/// <summary>
/// Resolves what a row needs — the dataset directory (real, or a generated synthetic layout) and the predictor
/// (the network from the checkpoint, or the ground-truth oracle) — and stops the row with a precise reason when
/// something is missing.
/// </summary>
internal static class ExperimentInputs
{
    private static readonly object GenerationLock = new();
    private static readonly Dictionary<(string, InferenceOptions), IPairPredictor> Networks = new();

    /// <summary>The dataset directory of the row: the synthetic layout (generated once per run directory) or the
    /// real dataset, checked against its layout.</summary>
    public static string DatasetDirectory(ExperimentRun run, string? datasetKey = null)
    {
        string key = datasetKey ?? run.Variant.Dataset;
        var layout = DatasetLayout.All[key];
        if (run.IsSynthetic)
        {
            if (!SyntheticLayouts.Supported.Contains(key))
                run.Unavailable($"no synthetic generator for the '{key}' layout yet (available: {string.Join(", ", SyntheticLayouts.Supported)})");
            string root = Path.Combine(run.Settings.Output, "synthetic-data");
            string dir = layout.Directory(root);
            lock (GenerationLock)
            {
                if (!File.Exists(Path.Combine(dir, SyntheticManifest.FileName)))
                {
                    if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); // a killed generation
                    SyntheticLayouts.Write(key, root);
                }
            }
            run.Note("dataset", $"synthetic {key} layout (procedural room, exact ground truth) in {dir}");
            return dir;
        }
        var missing = layout.Missing(run.Settings.DataRoot);
        if (missing.Count > 0)
            run.Unavailable($"dataset '{key}' not found: missing {string.Join(", ", missing.Take(3))}{(missing.Count > 3 ? $" (+{missing.Count - 3} more)" : "")}. " +
                            $"Prepare it: {layout.PrepareHint}. Then check with `{layout.CheckCommand(run.Settings.DataRoot)}`.");
        run.Note("dataset", layout.Directory(run.Settings.DataRoot));
        return layout.Directory(run.Settings.DataRoot);
    }

    /// <summary>The predictor of the row: the oracle for synthetic rows, the network for paper rows.</summary>
    public static IPairPredictor Predictor(ExperimentRun run, string datasetDir)
    {
        if (run.IsSynthetic)
        {
            var oracle = new GroundTruthOraclePredictor(SyntheticManifest.Load(datasetDir));
            run.Note("predictor", oracle.Name);
            run.Note("checkpoint_sha256", "none (oracle)");
            return oracle;
        }
        string ckpt = run.Settings.CheckpointPath;
        if (!File.Exists(ckpt))
            run.Unavailable($"checkpoint not found: {ckpt}. Download it with `./build.sh FetchCheckpoints` (or `mast3r fetch`), or set REPRO_CHECKPOINT_DIR.");
        InferenceOptions options;
        try { options = InferenceOptions.Parse(run.Settings.Device, run.Settings.DType); }
        catch (ArgumentException e) { throw new InvalidOperationException($"REPRO_DEVICE / REPRO_DTYPE: {e.Message}", e); }
        run.Note("checkpoint", ckpt);
        run.Note("checkpoint_sha256", Sha256(ckpt));
        run.Note("device", options.Device);
        run.Note("dtype", options.DtypeName);
        var predictor = LoadedNetwork(ckpt, options);
        run.Note("predictor", predictor.Name);
        return predictor;
    }

    // One network per process and (checkpoint, options): loading the 2.7 GB checkpoint once serves every row.
    private static IPairPredictor LoadedNetwork(string checkpoint, InferenceOptions options)
    {
        lock (Networks)
        {
            var key = (checkpoint, options);
            if (!Networks.TryGetValue(key, out var predictor))
                Networks[key] = predictor = Mast3rPredictor.Load(checkpoint, options).Predictor;
            return predictor;
        }
    }

    /// <summary>The checkpoint identity for cache keys.</summary>
    public static string PredictorIdentity(ExperimentRun run) =>
        run.IsSynthetic ? "oracle/v1" : Sha256(run.Settings.CheckpointPath);

    // SHA-256 of a large file, memoised in a sidecar keyed by size and modification time.
    private static string Sha256(string path)
    {
        var info = new FileInfo(path);
        string sidecar = path + ".sha256";
        string stamp = $"{info.Length} {info.LastWriteTimeUtc.Ticks}";
        if (File.Exists(sidecar))
        {
            var parts = File.ReadAllText(sidecar).Split('\n');
            if (parts.Length >= 2 && parts[1].Trim() == stamp) return parts[0].Trim();
        }
        using var stream = File.OpenRead(path);
        string hash = Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
        try { File.WriteAllText(sidecar, hash + "\n" + stamp + "\n"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return hash;
    }
}
