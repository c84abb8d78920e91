using FluentAssertions;
using Mast3r.Datasets.MapFree;
using Mast3r.Datasets.Synthetic;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Datasets;

[Trait("Category", "Unit")]
public sealed class MapFreeDepthMapTests
{
    [Fact]
    public void DptKittiFileSitsNextToTheFrameWithTheDptKittiSuffix()
    {
        MapFreeDepthMap.DptKittiPath("/data/val/s00460", "seq1/frame_00005.jpg")
            .Should().Be(Path.Combine("/data/val/s00460", "seq1", "frame_00005.dptkitti.png"));
    }

    [Fact]
    public void MillimetresRoundTripToMetresAndZeroMeansNoDepth()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "seq0", "frame_00000.dptkitti.png");
        MapFreeDepthMap.Write(path, 3, 2, new[] { 1.2344f, 0f, float.PositiveInfinity, 65.535f, 70f, 0.0006f });

        var map = MapFreeDepthMap.Read(path, 3, 2);

        map.At(0, 0).Should().BeApproximately(1.234, 1e-6);
        map.At(1, 0).Should().Be(double.NaN, "0 marks a pixel without depth");
        map.At(2, 0).Should().Be(double.NaN, "infinite depth is written as 0");
        map.At(0, 1).Should().BeApproximately(65.535, 1e-5);
        map.At(1, 1).Should().Be(double.NaN, "beyond the uint16 range is written as 0");
        map.At(2, 1).Should().BeApproximately(0.001, 1e-7);
    }

    [Fact]
    public void LookupIsRowMajorAndEmptyOutside()
    {
        var map = new MapFreeDepthMap(2, 2, new[] { 1f, 2f, 3f, 4f });
        map.At(0, 1).Should().Be(3);
        map.At(1, 0).Should().Be(2);
        map.At(-1, 0).Should().Be(double.NaN);
        map.At(0, 2).Should().Be(double.NaN);
    }

    [Fact]
    public void MissingFileNamesThePathAndTheOptionalDownload()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "frame_00000.dptkitti.png");
        var act = () => MapFreeDepthMap.Read(path, 4, 4);
        act.Should().Throw<FileNotFoundException>().WithMessage($"*{path}*optional download of the map-free dataset*");
    }

    [Fact]
    public void DepthOfAnotherSizeThanTheImageIsRejected()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "frame_00000.dptkitti.png");
        MapFreeDepthMap.Write(path, 4, 3, new float[12]);
        var act = () => MapFreeDepthMap.Read(path, 540, 720);
        act.Should().Throw<InvalidDataException>().WithMessage($"*{path}*4x3*540x720*");
    }

    [Fact]
    public void EightBitPngIsNotAMillimetreDepthMap()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "frame_00000.dptkitti.png");
        using (var m = OpenCvSharp.Mat.FromPixelData(2, 2, OpenCvSharp.MatType.CV_8UC1, new byte[4])) OpenCvSharp.Cv2.ImWrite(path, m);
        var act = () => MapFreeDepthMap.Read(path, 2, 2);
        act.Should().Throw<InvalidDataException>().WithMessage("*uint16*");
    }

    [Fact]
    public void SyntheticLayoutWritesTheExactZDepthOfEveryFrame()
    {
        string dir = SyntheticLayoutRoots.Dataset("mapfree");
        var manifest = SyntheticManifest.Load(dir);
        var scenes = new[] { "val/s00460", "val/s00461", "test/s00462", "test/s00463" }.Select(s => MapFreeScene.Read(Path.Combine(dir, s))).ToList();
        MapFreeDepthMap.FirstMissing(scenes).Should().BeNull();
        var scene = scenes[0];
        foreach (var frame in new[] { scene.Reference, scene.Queries[^1] })
        {
            var depth = MapFreeDepthMap.ReadFrame(scene.Directory, frame);
            var render = manifest.Find(Path.Combine(scene.Directory, frame.Name))!.Render(new SyntheticScene());
            int compared = 0;
            for (int v = 0; v < render.Height; v += 7)
                for (int u = 0; u < render.Width; u += 7)
                {
                    float z = render.Depth[v * render.Width + u];
                    if (!float.IsFinite(z)) { depth.At(u, v).Should().Be(double.NaN); continue; }
                    depth.At(u, v).Should().BeApproximately(z, 0.0005 + 1e-6, "millimetre rounding of the exact z-depth");
                    compared++;
                }
            compared.Should().BeGreaterThan(500);
        }
    }

    [Fact]
    public void FirstMissingNamesADepthFileOfAnEvaluatedFrame()
    {
        string root = TestPaths.NewTempDir();
        string dir = Path.Combine(root, "s00001");
        Directory.CreateDirectory(dir);
        File.WriteAllLines(Path.Combine(dir, "intrinsics.txt"), new[] { "seq0/frame_00000.jpg 10 10 1 1 2 2", "seq1/frame_00000.jpg 10 10 1 1 2 2" });
        var scene = MapFreeScene.Read(dir);
        MapFreeDepthMap.FirstMissing(new[] { scene }).Should().Be(Path.Combine(dir, "seq0", "frame_00000.dptkitti.png"));
        MapFreeDepthMap.Write(Path.Combine(dir, "seq0", "frame_00000.dptkitti.png"), 2, 2, new float[4]);
        MapFreeDepthMap.FirstMissing(new[] { scene }).Should().Be(Path.Combine(dir, "seq1", "frame_00000.dptkitti.png"));
    }
}
