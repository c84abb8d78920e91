using FluentAssertions;
using Mast3r.IO;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.IO;

[Trait("Category", "Unit")]
public sealed class ImageFileSizeTests
{
    [Theory]
    [InlineData("cutout.jpg")]
    [InlineData("frame.color.png")]
    public void HeaderSizeOfANonSquareImageIsWidthThenHeight(string file)
    {
        string path = Path.Combine(TestPaths.NewTempDir(), file);
        using (var mat = new OpenCvSharp.Mat(5, 7, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.All(90)))
            OpenCvSharp.Cv2.ImWrite(path, mat).Should().BeTrue();
        ImageFileSize.Read(path).Should().Be((7, 5));
    }

    [Fact]
    public void FileThatIsNeitherJpegNorPngIsNamed()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "x.jpg");
        File.WriteAllBytes(path, new byte[40]);
        var act = () => ImageFileSize.Read(path);
        act.Should().Throw<InvalidDataException>().WithMessage($"{path}: neither a JPEG nor a PNG file");
    }
}
