using FluentAssertions;
using Mast3r.Images;
using Mast3r.IO;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Images;

/// <summary>The official <c>load_images(size=512)</c> outputs for the six fixture PNGs, byte for byte.</summary>
[Trait("Category", "Parity")]
public class ImageLoaderParityTests
{
    public static TheoryData<int> ImageIndices => new() { 0, 1, 2, 3, 4, 5 };

    private static string SourcePng(int k)
        => Directory.GetFiles(TestPaths.ParityImages, $"img{k}_*.png").Should().ContainSingle().Subject;

    [Theory]
    [MemberData(nameof(ImageIndices))]
    public void Preprocessed_bytes_equal_the_official_uint8_crop(int k)
    {
        var image = ImageLoader.Load(SourcePng(k));
        var expected = NpyArray.Load(Path.Combine(TestPaths.ParityImages, $"pre{k}_u8.npy"));

        expected.Shape.Should().Equal(image.Height, image.Width, 3);
        int differing = image.Rgb.Zip(expected.Data).Count(p => p.First != p.Second);
        differing.Should().Be(0, $"image {k} must be bit-exact ({differing} of {expected.Data.Length} bytes differ)");
    }

    [Theory]
    [MemberData(nameof(ImageIndices))]
    public void True_shape_equals_the_official_one(int k)
    {
        var image = ImageLoader.Load(SourcePng(k));
        var expected = NpyArray.Load(Path.Combine(TestPaths.ParityImages, $"pre{k}_true_shape.npy")).ToLongs();
        new long[] { image.Height, image.Width }.Should().Equal(expected);
    }

    [Fact]
    public void Normalised_tensor_window_is_bitwise_the_official_float_input()
    {
        var image = ImageLoader.Load(SourcePng(0));
        using var tensor = image.ToTensor();
        using var window = tensor[.., .., 100..132, 200..248].contiguous();
        var expected = NpyArray.Load(Path.Combine(TestPaths.ParityImages, "pre0_float_crop.npy"));

        expected.Shape.Should().Equal(1, 3, 32, 48);
        var ours = window.data<float>().ToArray();
        var theirs = expected.ToFloats();
        ours.Select(BitConverter.SingleToInt32Bits).Should().Equal(theirs.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Stream_and_bytes_overloads_give_the_same_pixels_as_the_path_overload()
    {
        string path = SourcePng(3);
        var fromPath = ImageLoader.Load(path);
        using var stream = File.OpenRead(path);
        var fromStream = ImageLoader.Load(stream, "stream");
        var fromBytes = ImageLoader.Load(File.ReadAllBytes(path), "bytes");

        fromStream.Rgb.Should().Equal(fromPath.Rgb);
        fromBytes.Rgb.Should().Equal(fromPath.Rgb);
        fromStream.Source.Should().Be("stream");
    }
}
