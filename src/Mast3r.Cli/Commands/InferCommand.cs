using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Mast3r.Checkpoints;
using Mast3r.Images;
using Mast3r.Inference;
using Mast3r.IO;

namespace Mast3r.Cli.Commands;

/// <summary>
/// `mast3r infer`: one ordered image pair through the network (the official load_images(size=512) → inference
/// path), written as float32 .npy maps plus meta.json (true shapes, checkpoint SHA-256, model string, device, dtype,
/// seconds per stage).
/// </summary>
internal sealed class InferCommand : ICliCommand
{
    public Command Build()
    {
        var weights = new ModelSourceOptions();
        var image1 = new Option<string>("--image1") { Description = "First image (view 1, the reference frame).", Required = true };
        var image2 = new Option<string>("--image2") { Description = "Second image (view 2).", Required = true };
        var output = new Option<string>("--out") { Description = "Output directory (created if missing).", Required = true };
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { Description = "Encoder/decoder precision: fp32, bf16 or fp16 (heads stay fp32).", DefaultValueFactory = _ => "fp32" };
        var command = new Command("infer", "Run MASt3R on one image pair; writes pts3d, conf, desc, desc_conf per view as .npy and meta.json.")
        {
            image1, image2, output, device, dtype,
        };
        weights.AddTo(command);
        command.SetAction(parse => Run(new InferRequest(weights.Resolve(parse), parse.GetValue(image1)!, parse.GetValue(image2)!,
            parse.GetValue(output)!, parse.GetValue(device)!, parse.GetValue(dtype)!)));
        return command;
    }

    internal sealed record InferRequest(ModelSource Weights, string Image1, string Image2, string OutDir, string Device, string Dtype);

    /// <summary>Validates, runs and writes; user errors are <see cref="CliUsageException"/>s (exit 2).</summary>
    internal static int Run(InferRequest request)
    {
        var options = Validate(request);
        var seconds = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        double Lap()
        {
            double s = clock.Elapsed.TotalSeconds;
            clock.Restart();
            return s;
        }

        Mast3rPredictor predictor;
        Checkpoint? ck = null;
        try
        {
            if (request.Weights.CheckpointPath is { } path) (predictor, ck) = Mast3rPredictor.Load(path, options);
            else predictor = new Mast3rPredictor(Mast3rBenchModel.CreatePortable(request.Weights.RandomWeights!), options, request.Weights.Describe());
        }
        catch (CheckpointException e)
        {
            throw new CliUsageException($"--checkpoint: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw new CliUsageException($"--device: {e.Message}");
        }
        using var owned = predictor;
        seconds[ck is null ? "generate_weights" : "load_checkpoint"] = Lap();
        var first = LoadImage(request.Image1, "--image1");
        var second = LoadImage(request.Image2, "--image2");
        seconds["preprocess"] = Lap();
        var pair = predictor.Predict(first, second);
        seconds["inference"] = Lap();
        WriteView(request.OutDir, "view1", "pts3d", pair.View1);
        WriteView(request.OutDir, "view2", "pts3d_in_other_view", pair.View2);
        seconds["write_npy"] = Lap();
        WriteMeta(Path.Combine(request.OutDir, "meta.json"), request, ck, options, first, second, pair.View1.DescDim, seconds);
        Console.WriteLine($"view1 {first.Height}x{first.Width}, view2 {second.Height}x{second.Width} -> {Path.GetFullPath(request.OutDir)}");
        return 0;
    }

    private static InferenceOptions Validate(InferRequest r)
    {
        RequireFile(r.Image1, "--image1");
        RequireFile(r.Image2, "--image2");
        if (File.Exists(r.OutDir)) throw new CliUsageException($"--out: {r.OutDir} is a file, not a directory");
        InferenceOptions options;
        try
        {
            options = InferenceOptions.Parse(r.Device, r.Dtype);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }
        try
        {
            Directory.CreateDirectory(r.OutDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--out: cannot create {r.OutDir}: {e.Message}");
        }
        return options;
    }

    private static void RequireFile(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new CliUsageException($"{option}: a path is required");
        if (!File.Exists(path)) throw new CliUsageException($"{option}: file not found: {path}");
    }

    private static PreprocessedImage LoadImage(string path, string option)
    {
        try
        {
            return ImageLoader.Load(path);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or ArgumentException)
        {
            throw new CliUsageException($"{option}: {e.Message}");
        }
    }

    private static void WriteView(string dir, string view, string ptsName, ViewPrediction v)
    {
        NpyArray.FromFloats(v.Pts3d, v.Height, v.Width, 3).Save(Path.Combine(dir, $"{view}_{ptsName}.npy"));
        NpyArray.FromFloats(v.Conf, v.Height, v.Width).Save(Path.Combine(dir, $"{view}_conf.npy"));
        NpyArray.FromFloats(v.Desc, v.Height, v.Width, v.DescDim).Save(Path.Combine(dir, $"{view}_desc.npy"));
        NpyArray.FromFloats(v.DescConf, v.Height, v.Width).Save(Path.Combine(dir, $"{view}_desc_conf.npy"));
    }

    private static void WriteMeta(string path, InferRequest r, Checkpoint? ck, InferenceOptions o, PreprocessedImage a,
        PreprocessedImage b, int descDim, Dictionary<string, double> seconds)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("checkpoint", r.Weights.CheckpointPath is { } ckPath ? Path.GetFullPath(ckPath) : null);
        w.WriteString("checkpoint_sha256", ck?.Sha256);
        w.WriteString("weights", r.Weights.Describe());
        w.WriteString("model_string", ck is null ? r.Weights.RandomWeights!.ModelString : ck.ModelString);
        w.WriteString("device", o.Device);
        w.WriteString("dtype", o.DtypeName);
        w.WriteNumber("desc_dim", descDim);
        foreach (var (name, img, file) in new[] { ("view1", a, r.Image1), ("view2", b, r.Image2) })
        {
            w.WriteStartObject(name);
            w.WriteString("image", Path.GetFullPath(file));
            w.WriteStartArray("true_shape");
            w.WriteNumberValue(img.Height);
            w.WriteNumberValue(img.Width);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteStartObject("seconds");
        foreach (var (stage, s) in seconds) w.WriteNumber(stage, Math.Round(s, 4));
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
