using FluentAssertions;
using Mast3r.Training.Data.Co3d;
using Xunit;

namespace Mast3r.Tests.Training;

/// <summary>protocols.md §6.4: the synthetic CO3D frame with values from an independent re-implementation.</summary>
[Trait("Category", "Unit")]
public sealed class Co3dPreprocessingTests
{
    private const int H = 1000, W = 800;

    [Fact]
    public void Synthetic_frame_gives_the_documented_intrinsics_crop_target_and_final_size()
    {
        var k = Co3dFrameGeometry.Intrinsics(new[] { 2.0, 2.0 }, new[] { 0.1, -0.05 }, H, W);
        (k[0], k[4], k[2], k[5]).Should().Be((800.0, 800.0, 360.0, 520.0));

        var (l, t, r, b) = Co3dFrameGeometry.CropBox(k, H, W);
        (l, t, r, b).Should().Be((0, 40, 720, 1000));
        var kc = (double[])k.Clone();
        kc[2] -= l;
        kc[5] -= t;
        (kc[2], kc[5]).Should().Be((360.0, 480.0));

        Co3dFrameGeometry.TargetSize(H, W, 512).Should().Be((409, 512));

        var (s, ow, oh, kf) = Co3dFrameGeometry.Rescale(kc, r - l, b - t, 409, 512);
        s.Should().BeApproximately(0.568055566, 1e-9);
        (ow, oh).Should().Be((409, 545));
        kf[0].Should().BeApproximately(454.4444524, 1e-6);
        kf[4].Should().BeApproximately(454.4444524, 1e-6);
        kf[2].Should().BeApproximately(204.2840278, 1e-6);
        kf[5].Should().BeApproximately(272.2840278, 1e-6);
    }

    [Fact]
    public void Pytorch3d_pose_converts_to_the_documented_camera_to_world_matrix()
    {
        var pose = Co3dFrameGeometry.CameraToWorld(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, new double[] { 1, 2, 3 });
        pose.Should().Equal(-1, 0, 0, -1, 0, -1, 0, -2, 0, 0, 1, -3, 0, 0, 0, 1);
    }

    [Fact]
    public void Depth_words_are_float16_bit_patterns_and_are_requantised_by_truncation()
    {
        ushort oneAndHalf = BitConverter.HalfToUInt16Bits((Half)1.5f), two = BitConverter.HalfToUInt16Bits((Half)2f);
        var depth = Co3dFrameGeometry.DecodeDepth(new[] { oneAndHalf, two, (ushort)0 });
        depth.Should().Equal(1.5f, 2f, 0f);
        var words = Co3dFrameGeometry.EncodeDepth(depth, out float max);
        max.Should().Be(2f);
        words.Should().Equal((ushort)49151, (ushort)65535, (ushort)0);   // 0.75·65535 = 49151.25 → 49151
        Co3dFrameGeometry.LoadDepth(words, max)[1].Should().Be(2f);
    }

    [Fact]
    public void Mask_requantisation_truncates_in_float32()
    {
        // Exact 8-bit values survive v/255·255 in float32; a value just below v/255 truncates to v − 1 (not rounded).
        var exact = Enumerable.Range(0, 256).Select(v => v / 255f).ToArray();
        Co3dFrameGeometry.EncodeMask(exact).Select(b => (int)b).Should().Equal(Enumerable.Range(0, 256));
        Co3dFrameGeometry.EncodeMask(new[] { MathF.BitDecrement(10f / 255f) }).Should().Equal((byte)9);
    }

    [Fact]
    public void Processing_the_synthetic_frame_yields_the_documented_size_and_npz_keys()
    {
        var a = new Co3dFrameAnnotation(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, new double[] { 1, 2, 3 }, new[] { 2.0, 2.0 }, new[] { 0.1, -0.05 }, H, W, 1.0);
        var rgb = new byte[H * W * 3];
        var depth = new float[H * W];
        var mask = new float[H * W];
        for (int i = 0; i < H * W; i++)
        {
            rgb[3 * i] = (byte)(i % W * 255 / W);
            rgb[3 * i + 1] = 128;
            depth[i] = 1f + i / W * 0.01f;
            mask[i] = i % W < W / 2 ? 1f : 0f;
        }
        var f = Co3dFrameProcessor.Process(a, rgb, depth, mask);
        (f.Width, f.Height).Should().Be((409, 545));
        f.Image.Should().HaveCount(409 * 545 * 3);
        f.K[2].Should().BeApproximately(204.2840278, 1e-6);
        f.CamToWorld[11].Should().Be(-3);
        // Nearest resizing (cv2): output row 544 reads crop row floor(544·960/545) = 958, i.e. frame row 998.
        f.MaximumDepth.Should().Be(depth[(40 + (int)Math.Floor(544 * (960.0 / 545))) * W]);
        f.DepthWords.Max().Should().Be(65535);
        f.Image.Where((_, i) => i % 3 == 1).Should().OnlyContain(v => v == 128, "a constant channel stays constant through the Pillow filters");

        string path = Path.Combine(Mast3r.Tests.TestSupport.TestPaths.NewTempDir("co3d"), "frame000001.npz");
        Co3dFrameProcessor.WriteNpz(path, f);
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        zip.Entries.Select(e => e.FullName).Should().Equal("camera_intrinsics.npy", "camera_pose.npy", "maximum_depth.npy");
        Mast3r.IO.NpyArray Member(string n) { using var s = zip.GetEntry(n)!.Open(); using var ms = new MemoryStream(); s.CopyTo(ms); ms.Position = 0; return Mast3r.IO.NpyArray.Read(ms); }
        var k = Member("camera_intrinsics.npy");
        (k.DType, k.Shape.Length).Should().Be(("<f8", 2));
        Member("camera_pose.npy").DType.Should().Be("<f4");
        Member("maximum_depth.npy").Shape.Should().BeEmpty();
    }

    [Theory]
    [InlineData("apple/110_13051_23361/images/frame000123.jpg", 123)]
    [InlineData("frame000001.jpg", 1)]
    public void Frame_index_and_npz_path_follow_the_script(string path, int index)
    {
        Co3dFrameGeometry.FrameIndex(path).Should().Be(index);
        Co3dFrameGeometry.NpzPath("jpgcat/x/images/frame000001.jpg").Should().Be("npzcat/x/images/frame000001.npz");
    }
}
