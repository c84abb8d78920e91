using System.CommandLine;
using Mast3r.Checkpoints;
using Mast3r.Images;
using Mast3r.Inference;
using Mast3r.Matching;
using TorchSharp;

namespace Mast3r.Cli.Commands;

/// <summary>
/// `mast3r match`: fast reciprocal NN matching of two descriptor maps (the README quick-matching recipe), written
/// as int32 [N, 4] = x1, y1, x2, y2 in the official order. The maps come from .npy files (--desc1/--desc2) or from
/// running the network on two images first (--checkpoint/--image1/--image2: load_images(512), one ordered pair,
/// view 1 = image 1; coordinates are pixels of the preprocessed 512-px crops).
/// </summary>
internal sealed class MatchCommand : ICliCommand
{
    public Command Build()
    {
        var desc1 = new Option<FileInfo>("--desc1") { Description = "Descriptors of image 1: float32 .npy [H1, W1, D]." };
        var desc2 = new Option<FileInfo>("--desc2") { Description = "Descriptors of image 2: float32 .npy [H2, W2, D]." };
        var output = new Option<FileInfo>("--out") { Description = "Output .npy: int32 [N, 4] = x1, y1, x2, y2.", Required = true };
        var subsample = new Option<int>("--subsample") { Description = "Seed grid spacing in pixels (official: 8).", DefaultValueFactory = _ => 8 };
        var border = new Option<int?>("--border") { Description = "Drop matches closer than N pixels to a border in either image (README: 3)." };
        var blockSize = new Option<int>("--block-size") { Description = "Similarity block side (memory bound only; results do not depend on it).", DefaultValueFactory = _ => 1 << 13 };
        var device = new Option<string>("--device") { Description = "cpu or cuda (matching, and the network in image mode).", DefaultValueFactory = _ => "cpu" };
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "Image mode: MASt3R checkpoint (.pth or .pth.gz)." };
        var image1 = new Option<FileInfo>("--image1") { Description = "Image mode: first image (view 1)." };
        var image2 = new Option<FileInfo>("--image2") { Description = "Image mode: second image (view 2)." };
        var dtype = new Option<string>("--dtype") { Description = "Image mode: network precision fp32|bf16|fp16 (reduced precision only on cuda).", DefaultValueFactory = _ => "fp32" };

        var command = new Command("match", "Match two descriptor maps (or two images through the network) with fast reciprocal nearest neighbours (MASt3R fast_reciprocal_NNs).")
        {
            desc1, desc2, output, subsample, border, blockSize, device, checkpoint, image1, image2, dtype,
        };
        command.SetAction(parse =>
        {
            var options = new MatcherOptions
            {
                BlockSize = Positive(parse.GetValue(blockSize), "--block-size"),
                Device = CliDevice.Parse(parse.GetValue(device)),
            };
            var request = new MatchRequest(
                Positive(parse.GetValue(subsample), "--subsample"),
                parse.GetValue(border) is { } b ? NonNegative(b, "--border") : null,
                options,
                parse.GetValue(output)!);
            var (d1, d2) = (parse.GetValue(desc1), parse.GetValue(desc2));
            var (ck, i1, i2) = (parse.GetValue(checkpoint), parse.GetValue(image1), parse.GetValue(image2));
            bool descMode = d1 is not null || d2 is not null, imageMode = ck is not null || i1 is not null || i2 is not null;
            if (descMode && imageMode)
                throw new CliUsageException("give either --desc1/--desc2 or --checkpoint/--image1/--image2, not both.");
            if (imageMode)
                return RunOnImages(
                    ck ?? throw new CliUsageException("--checkpoint is required with --image1/--image2."),
                    i1 ?? throw new CliUsageException("--image1 is required with --checkpoint."),
                    i2 ?? throw new CliUsageException("--image2 is required with --checkpoint."),
                    parse.GetValue(device)!, parse.GetValue(dtype)!, request);
            return RunOnFiles(
                d1 ?? throw new CliUsageException("--desc1 is required (or use --checkpoint/--image1/--image2)."),
                d2 ?? throw new CliUsageException("--desc2 is required."),
                request);
        });
        return command;
    }

    internal sealed record MatchRequest(int Subsample, int? Border, MatcherOptions Options, FileInfo Output);

    private static int RunOnFiles(FileInfo desc1, FileInfo desc2, MatchRequest request)
    {
        using var a = LoadDescriptors(desc1, "--desc1");
        using var b = LoadDescriptors(desc2, "--desc2");
        if (a.shape[2] != b.shape[2])
            throw new CliUsageException($"descriptor dimensions differ: {desc1.FullName} has D = {a.shape[2]}, {desc2.FullName} has D = {b.shape[2]}.");
        return WriteMatches(a, b, request);
    }

    private static int RunOnImages(FileInfo checkpoint, FileInfo image1, FileInfo image2, string device, string dtype, MatchRequest request)
    {
        if (!checkpoint.Exists) throw new CliUsageException($"--checkpoint: file not found: {checkpoint.FullName}");
        var first = LoadImage(image1, "--image1");
        var second = LoadImage(image2, "--image2");
        InferenceOptions options;
        try
        {
            options = InferenceOptions.Parse(device, dtype);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }
        Mast3rPredictor predictor;
        try
        {
            predictor = Mast3rPredictor.Load(checkpoint.FullName, options);
        }
        catch (CheckpointException e)
        {
            throw new CliUsageException($"--checkpoint: {e.Message}");
        }
        using (predictor)
        {
            var pair = predictor.Predict(first, second);
            Console.WriteLine($"view 1: {first.Height}x{first.Width}, view 2: {second.Height}x{second.Width} ({predictor.Name}, {options.Device}, {options.DtypeName})");
            using var a = torch.tensor(pair.View1.Desc, pair.View1.Height, pair.View1.Width, pair.View1.DescDim);
            using var b = torch.tensor(pair.View2.Desc, pair.View2.Height, pair.View2.Width, pair.View2.DescDim);
            return WriteMatches(a, b, request);
        }
    }

    private static PreprocessedImage LoadImage(FileInfo file, string option)
    {
        try
        {
            return ImageLoader.Load(file.FullName);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            throw new CliUsageException($"{option}: {e.Message}");
        }
    }

    /// <summary>Matches, filters the border if asked, writes the .npy and prints a one-line summary.</summary>
    internal static int WriteMatches(torch.Tensor a, torch.Tensor b, MatchRequest request)
    {
        var dir = request.Output.Directory;
        if (dir is { Exists: false }) throw new CliUsageException($"--out: directory does not exist: {dir.FullName}");
        var matches = FastReciprocalMatcher.Match(a, b, request.Subsample, request.Options);
        int before = matches.Count;
        if (request.Border is { } border)
        {
            var shape1 = ((int)a.shape[0], (int)a.shape[1]);
            var shape2 = ((int)b.shape[0], (int)b.shape[1]);
            matches = matches.Where(matches.BorderMask(border, shape1, shape2));
        }
        matches.ToNpy().Save(request.Output.FullName);
        string filtered = request.Border is { } n ? $" ({before} before the {n}-pixel border filter)" : "";
        Console.WriteLine($"{matches.Count} matches{filtered} -> {request.Output.FullName}");
        return 0;
    }

    private static torch.Tensor LoadDescriptors(FileInfo file, string option)
    {
        try
        {
            return DescriptorMapFile.Load(file.FullName);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            throw new CliUsageException($"{option}: {e.Message}");
        }
    }

    private static int Positive(int value, string option)
        => value >= 1 ? value : throw new CliUsageException($"{option} must be a positive integer, got {value}.");

    private static int NonNegative(int value, string option)
        => value >= 0 ? value : throw new CliUsageException($"{option} must be ≥ 0, got {value}.");
}
