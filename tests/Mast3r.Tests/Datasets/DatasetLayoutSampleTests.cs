using FluentAssertions;
using Mast3r.Datasets;
using Mast3r.Datasets.Kapture;
using Mast3r.Tests.Cli;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Datasets;

/// <summary>The layout check samples the first map record's data files (InLoc .jpg.mat, 7-Scenes depth.reg).</summary>
[Trait("Category", "Unit")]
public sealed class DatasetLayoutSampleTests
{
    // Every required path of the layout as an empty file (or folder), the map records file with one record, and the
    // record's image; the derived data file is left out.
    private static (string Root, string Data) TextFilesAndImageOnly(string key, string recordsFile, string dataFolder, string image)
    {
        string root = TestPaths.NewTempDir();
        var layout = DatasetLayout.All[key];
        string dir = layout.Directory(root);
        foreach (var p in layout.RequiredPaths)
        {
            string full = Path.Combine(dir, p);
            if (p.EndsWith('/')) { Directory.CreateDirectory(full); continue; }
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, "");
        }
        KaptureFiles.WriteRecords(Path.Combine(dir, recordsFile), new[] { new KaptureFiles.Record(0, "cam", image) });
        string data = Path.Combine(dir, dataFolder);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(data, image))!);
        File.WriteAllText(Path.Combine(data, image), "");
        return (root, data);
    }

    [Fact]
    public void InLocCheckNamesTheMissingMatFileOfTheFirstCutout()
    {
        var (root, data) = TextFilesAndImageOnly("inloc", "mapping/sensors/records_camera.txt", "mapping/sensors/records_data", "DUC1/005/DUC_cutout_005_0_0.jpg");
        string mat = Path.Combine(data, "DUC1/005/DUC_cutout_005_0_0.jpg.mat");
        DatasetLayout.All["inloc"].Missing(root).Should().Equal(mat);
        CliRunner.Run("datasets", "check", "--data-root", root, "--dataset", "inloc").Code.Should().Be(1);
        File.WriteAllText(mat, "");
        DatasetLayout.All["inloc"].Missing(root).Should().BeEmpty();
        CliRunner.Run("datasets", "check", "--data-root", root, "--dataset", "inloc").Code.Should().Be(0);
    }

    [Fact]
    public void SevenScenesCheckNamesTheMissingDepthRegOfTheFirstFrame()
    {
        var (root, data) = TextFilesAndImageOnly("7scenes", "chess/mapping/sensors/records_camera.txt", "chess/mapping/sensors/records_data", "seq-01/frame-000000.color.png");
        DatasetLayout.All["7scenes"].Missing(root).Should().Equal(Path.Combine(data, "seq-01/frame-000000.depth.reg"));
    }

    [Fact]
    public void SevenScenesCheckReportsARecordThatIsNotAColourImage()
    {
        var (root, _) = TextFilesAndImageOnly("7scenes", "chess/mapping/sensors/records_camera.txt", "chess/mapping/sensors/records_data", "seq-01/frame-000000.png");
        DatasetLayout.All["7scenes"].Missing(root).Should().ContainSingle().Which.Should().Match("*records_camera.txt (cannot check its first record: *has no 'color.png'*");
    }
}
