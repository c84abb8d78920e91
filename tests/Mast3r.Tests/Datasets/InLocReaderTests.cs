using FluentAssertions;
using Mast3r.Datasets;
using Mast3r.Datasets.Synthetic;
using Mast3r.Datasets.Visloc;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Datasets;

[Trait("Category", "Unit")]
public sealed class InLocReaderTests
{
    private static string Root => SyntheticLayoutRoots.Root("inloc");

    private static string Dir => SyntheticLayoutRoots.Dataset("inloc");

    [Fact]
    public void SyntheticInLocLayoutPassesTheLayoutCheckAndHlocPairsLoseTheirPrefixes()
    {
        DatasetLayout.All["inloc"].Missing(Root).Should().BeEmpty();
        var ds = VislocDataset.OpenInLoc(Dir);
        var manifest = SyntheticManifest.Load(Dir);
        ds.Queries.Should().HaveCount(8).And.OnlyContain(q => q.Name.StartsWith("iphone7/", StringComparison.Ordinal));
        foreach (var q in ds.Queries)
        {
            var truth = manifest.Find(q.ImagePath)!;
            q.GroundTruth!.CameraCenter().Zip(truth.WorldToCamera.CameraCenter(), (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-9);
            q.Camera.Cx.Should().Be(truth.Intrinsics.Cx, "InLoc sensors are read without the half-pixel shift and written that way");
            ds.Pairs[q.Name].Should().OnlyContain(m => m.StartsWith("DUC1/", StringComparison.Ordinal) || m.StartsWith("DUC2/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void XyzCutPointsAreMovedFromTheScanFrameOntoTheRenderedSurface()
    {
        var ds = VislocDataset.OpenInLoc(Dir);
        var manifest = SyntheticManifest.Load(Dir);
        foreach (string name in new[] { "DUC1/002/DUC_cutout_002_30_0.jpg", "DUC2/004/DUC_cutout_004_0_0.jpg" })
        {
            var map = ds.MapImage(name);
            var render = manifest.Find(map.ImagePath)!.Render(new SyntheticScene());
            int n = map.Pixels.Length / 2;
            n.Should().BeGreaterThan(render.Width * render.Height / 2);
            double worst = 0;
            for (int i = 0; i < n; i += 89)
            {
                int idx = (int)map.Pixels[2 * i + 1] * render.Width + (int)map.Pixels[2 * i];
                for (int c = 0; c < 3; c++) worst = Math.Max(worst, Math.Abs(map.Points[3 * i + c] - render.World[3 * idx + c]));
            }
            worst.Should().BeLessThan(1e-9, name);
        }
    }

    [Fact]
    public void AlignmentMatrixWithAMissingValueNamesFileLineAndScan()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "all_transformations.txt");
        File.WriteAllText(path, "005\nsome header\nAfter general icp:\n1 0 0 0\n0 1 0\n0 0 1 0\n0 0 0 1\n");
        var act = () => InLocAlignment.Read(path);
        act.Should().Throw<InvalidDataException>().WithMessage($"{path}, line 5: scan 005: expected 4 matrix values, found 3");
    }

    [Fact]
    public void AlignmentReadsTheMatrixAfterTheIcpMarkerOfEachScan()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "all_transformations.txt");
        File.WriteAllText(path, "005\nBefore:\n9 9 9 9\nAfter general icp:\n1 0 0 2\n0 1 0 3\n0 0 1 4\n0 0 0 1\n\n017\nAfter general icp:\n0 -1 0 0\n1 0 0 0\n0 0 1 0\n0 0 0 1\n");
        var m = InLocAlignment.Read(path);
        m["005"].Should().Equal(1, 0, 0, 2, 0, 1, 0, 3, 0, 0, 1, 4, 0, 0, 0, 1);
        var (px, pts) = InLocMapSource.ToBuilding(new[] { 1.0, double.NaN, 2.0, 5.0, 3.0, 6.0 }, 1, 2, m["017"]);
        px.Should().Equal(0, 0);
        pts.Should().Equal(-2, 1, 3);
    }
}
