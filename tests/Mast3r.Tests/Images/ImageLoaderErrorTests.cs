using FluentAssertions;
using Mast3r.Images;
using Mast3r.Tests.TestSupport;
using OpenCvSharp;
using Xunit;

namespace Mast3r.Tests.Images;

[Trait("Category", "Unit")]
public class ImageLoaderErrorTests
{
    [Fact]
    public void Missing_file_names_the_path()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "nope.png");
        var act = () => ImageLoader.Load(path);
        act.Should().Throw<FileNotFoundException>().WithMessage($"*{path}*");
    }

    [Fact]
    public void Random_bytes_are_rejected_with_the_file_name()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "garbage.png");
        var rng = new Random(3);
        var bytes = new byte[4096];
        rng.NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        var act = () => ImageLoader.Load(path);
        act.Should().Throw<InvalidDataException>().WithMessage($"*{path}*not a decodable image*");
    }

    [Fact]
    public void Truncated_png_is_rejected()
    {
        var png = File.ReadAllBytes(Directory.GetFiles(TestPaths.ParityImages, "img0_*.png")[0]);
        var act = () => ImageLoader.Load(png[..(png.Length / 2)], "half.png");
        act.Should().Throw<InvalidDataException>().WithMessage("half.png*");
    }

    [Fact]
    public void Empty_input_is_rejected()
    {
        var act = () => ImageLoader.Load(Array.Empty<byte>(), "empty.png");
        act.Should().Throw<InvalidDataException>().WithMessage("empty.png*empty*");
    }

    [Fact]
    public void Alpha_is_dropped_and_grey_is_replicated()
    {
        using var rgba = new Mat(20, 20, MatType.CV_8UC4, new Scalar(10, 20, 30, 0)); // B, G, R, A
        var fromRgba = ImageLoader.Load(rgba.ImEncode(".png"), "rgba.png", size: 20 * 16);
        fromRgba.Rgb.Take(3).Should().Equal((byte)30, (byte)20, (byte)10);

        using var grey = new Mat(32, 48, MatType.CV_8UC1, new Scalar(77));
        var fromGrey = ImageLoader.Load(grey.ImEncode(".png"), "grey.png", size: 48);
        fromGrey.Rgb.Should().OnlyContain(b => b == 77);
        (fromGrey.Height, fromGrey.Width).Should().Be((32, 48));
    }

    [Fact]
    public void Jpeg_with_exif_orientation_6_is_rotated_upright()
    {
        // A 64x32 landscape JPEG tagged "rotate 90 CW to display" must load as portrait 32x64 (W x H),
        // then resize to 256x512 -> crop 256x512.
        using var mat = new Mat(32, 64, MatType.CV_8UC3, new Scalar(0, 0, 0));
        mat[new Rect(0, 0, 8, 32)].SetTo(new Scalar(255, 255, 255)); // white left band -> top after rotation
        var jpeg = InsertExifOrientation(mat.ImEncode(".jpg"), orientation: 6);
        var image = ImageLoader.Load(jpeg, "rotated.jpg", size: 64);
        (image.Width, image.Height).Should().Be((32, 64));
        image.Rgb[(2 * 32 + 16) * 3].Should().BeGreaterThan(200, "the white band is at the top after rotation");
        image.Rgb[(60 * 32 + 16) * 3].Should().BeLessThan(50);
    }

    private static byte[] InsertExifOrientation(byte[] jpeg, ushort orientation)
    {
        // APP1 "Exif\0\0" + little-endian TIFF header + one IFD entry (0x0112 SHORT 1 value) + no next IFD.
        var tiff = new List<byte> { (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0 };
        tiff.AddRange(new byte[] { (byte)orientation, (byte)(orientation >> 8), 0, 0, 0, 0, 0, 0 });
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        int length = payload.Length + 2;
        var app1 = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)length }.Concat(payload);
        return jpeg[..2].Concat(app1).Concat(jpeg[2..]).ToArray();
    }
}
