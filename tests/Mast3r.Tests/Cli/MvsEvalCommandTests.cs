using System.Text.Json;
using FluentAssertions;
using Mast3r.Cli;
using Mast3r.Cli.Commands.Eval;
using Mast3r.IO;
using Mast3r.Metrics.Dtu;
using Mast3r.Tests.IO;
using Mast3r.Tests.TestSupport;
using Xunit;
using static Mast3r.Tests.Metrics.Dtu.DtuSynthetic;

namespace Mast3r.Tests.Cli;

/// <summary>`mast3r eval mvs` on a synthetic scan written in the official DTU layout (MAT-v5 + PLY files).</summary>
[Trait("Category", "Unit")]
public class MvsEvalCommandTests
{
    private static string WriteDtuRoot(int scan, double size)
    {
        string root = TestPaths.NewTempDir("dtu-root");
        Directory.CreateDirectory(Path.Combine(root, "ObsMask"));
        Directory.CreateDirectory(Path.Combine(root, "Points", "stl"));
        var mask = Mask(size);
        File.WriteAllBytes(Path.Combine(root, "ObsMask", $"ObsMask{scan}_10.mat"),
            MatFileBuilder.ObsMaskFile(mask.Voxels, mask.Dimensions, mask.BoxMin, mask.BoxMax, mask.Resolution));
        File.WriteAllBytes(Path.Combine(root, "ObsMask", $"Plane{scan}.mat"), MatFileBuilder.PlaneFile(0, 0, 1, 1));
        PlyWriter.WriteVertices(Path.Combine(root, "Points", "stl", $"stl{scan:000}_total.ply"), Grid(size));
        return root;
    }

    [Fact]
    public void Prints_accuracy_completeness_and_overall_in_millimetres()
    {
        string root = WriteDtuRoot(scan: 9, size: 20);
        string points = Path.Combine(root, "pred.ply");
        PlyWriter.WriteVertices(points, Grid(20, Delta), binary: false);
        using var doc = JsonDocument.Parse(MvsEvalCommand.Run(points, root, 9, new DtuOptions()));
        doc.RootElement.GetProperty("accuracy").GetDouble().Should().BeApproximately(0.3, 1e-12);
        doc.RootElement.GetProperty("completeness").GetDouble().Should().BeApproximately(0.3, 1e-12);
        doc.RootElement.GetProperty("overall").GetDouble().Should().BeApproximately(0.3, 1e-12);
        doc.RootElement.GetProperty("points").GetInt32().Should().Be(41 * 41);
    }

    [Fact]
    public void Loaded_mask_matches_the_written_one()
    {
        string root = WriteDtuRoot(scan: 1, size: 10);
        var loaded = DtuObservationMask.Load(Path.Combine(root, "ObsMask", "ObsMask1_10.mat"));
        var written = Mask(10);
        loaded.Dimensions.Should().Equal(written.Dimensions);
        loaded.BoxMin.Should().Equal(-10, -10, -10);
        loaded.BoxMax.Should().Equal(20, 20, 10);
        loaded.Resolution.Should().Be(1);
        loaded.Voxels.Should().Equal(written.Voxels);
    }

    [Fact]
    public void Missing_scan_files_are_usage_errors_naming_the_file()
    {
        string root = WriteDtuRoot(scan: 9, size: 10);
        string points = Path.Combine(root, "pred.ply");
        PlyWriter.WriteVertices(points, Grid(10));
        var act = () => MvsEvalCommand.Run(points, root, 24, new DtuOptions());
        act.Should().Throw<CliUsageException>().WithMessage("*ObsMask24_10.mat: DTU evaluation file not found");
        File.WriteAllText(points, "ply\nformat ascii 1.0\nend_header\n");
        var bad = () => MvsEvalCommand.Run(points, root, 9, new DtuOptions());
        bad.Should().Throw<CliUsageException>().WithMessage($"{points}: no 'element vertex'*");
    }
}
