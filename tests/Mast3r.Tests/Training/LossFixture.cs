using System.Text.Json;
using Mast3r.Training;
using Mast3r.Training.Losses;
using Mast3r.Tests.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Tests.Training;

/// <summary>Loads tests/Fixtures/losses (the official criterion on the tiny_a outputs, losses.md §6).</summary>
internal static class LossFixture
{
    public static string Dir => TestPaths.Losses;

    public static JsonElement Manifest { get; } = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "manifest.json"))).RootElement;

    public static Tensor Load(string rel) => NpyTensor.Load(Path.Combine(Dir, rel));

    /// <summary>Floating tensors are converted to <paramref name="dtype"/>; masks and indices keep theirs.</summary>
    public static GtView Gt(int view, ScalarType dtype) => new()
    {
        CameraPose = Load($"inputs/view{view}_camera_pose.npy").to(dtype),
        Pts3d = Load($"inputs/view{view}_pts3d.npy").to(dtype),
        ValidMask = Load($"inputs/view{view}_valid_mask.npy"),
        SkyMask = Load($"inputs/view{view}_sky_mask.npy"),
        IsMetricScale = Load($"inputs/view{view}_is_metric_scale.npy"),
        Corres = Load($"inputs/view{view}_corres.npy"),
        ValidCorres = Load($"inputs/view{view}_valid_corres.npy"),
    };

    /// <summary>Predictions as leaf tensors requiring grad (so gradients w.r.t. predictions can be compared).</summary>
    public static PredView Pred(int view, ScalarType dtype)
    {
        string pts = view == 1 ? "pred1_pts3d" : "pred2_pts3d_in_other_view";
        Tensor Leaf(string name) => Load($"preds/{name}.npy").to(dtype).requires_grad_(true);
        return new PredView(Leaf(pts), Leaf($"pred{view}_conf"), Leaf($"pred{view}_desc"), Leaf($"pred{view}_desc_conf"));
    }

    public static double Value(params string[] path)
    {
        var e = Manifest;
        foreach (var p in path) e = e.GetProperty(p);
        return e.GetDouble();
    }

    public static IEnumerable<(string Key, double Value)> Details(params string[] path)
    {
        var e = Manifest;
        foreach (var p in path) e = e.GetProperty(p);
        return e.EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())).ToList();
    }
}

/// <summary>Tracks |got − ref| / (abs + rel·|ref|) and remembers the worst ratio per quantity.</summary>
internal sealed class ToleranceReport(double abs = 1e-5, double rel = 1e-4)
{
    public SortedDictionary<string, double> Worst { get; } = new(StringComparer.Ordinal);

    public double Check(string name, double got, double reference)
    {
        double ratio = Math.Abs(got - reference) / (abs + rel * Math.Abs(reference));
        if (double.IsNaN(got)) ratio = double.PositiveInfinity;
        Worst[name] = Math.Max(Worst.GetValueOrDefault(name), ratio);
        return ratio;
    }

    public double CheckTensor(string name, Tensor got, Tensor reference)
    {
        using var g = got.detach().to(ScalarType.Float64);
        using var r = reference.to(ScalarType.Float64);
        if (!g.shape.SequenceEqual(r.shape)) throw new InvalidOperationException($"{name}: shape [{string.Join(",", g.shape)}] vs [{string.Join(",", r.shape)}]");
        using var ratio = (g - r).abs() / (abs + rel * r.abs());
        double worst = g.isnan().any().item<bool>() ? double.PositiveInfinity : ratio.max().item<double>();
        Worst[name] = Math.Max(Worst.GetValueOrDefault(name), worst);
        return worst;
    }

    public string Summary() => string.Join("\n", Worst.Select(kv => $"{kv.Key}: worst ratio {kv.Value:E2}"));
}
