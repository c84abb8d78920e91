using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Mast3r.Images;

/// <summary>
/// Decodes an encoded image to 8-bit interleaved RGB with OpenCV (libpng / libjpeg-turbo), the equivalent of PIL's
/// <c>open → exif_transpose → convert('RGB')</c> in dust3r <c>load_images</c>: EXIF orientation applied, alpha
/// dropped (not composited), grey replicated to three channels. PNG decoding is lossless, so 8-bit PNGs are exact.
/// </summary>
/// <remarks>
/// Deviations not covered by fixtures: 16-bit greyscale PNGs (PIL clips I;16 to 255, OpenCV keeps the high byte),
/// CMYK JPEGs, and JPEG IDCT/upsampling choices if OpenCV's libjpeg build differs from Pillow's.
/// </remarks>
internal static class ImageDecoder
{
    public static (byte[] Rgb, int Width, int Height) DecodeRgb(byte[] encoded, string source)
    {
        if (encoded.Length == 0) throw new InvalidDataException($"{source}: the file is empty, not an image.");
        using var mat = Cv2.ImDecode(encoded, ImreadModes.Color);
        if (mat.Empty() || mat.Width <= 0 || mat.Height <= 0)
            throw new InvalidDataException($"{source}: not a decodable image (unsupported format, truncated or corrupt data).");
        if (mat.Type() != MatType.CV_8UC3)
            throw new InvalidDataException($"{source}: decoder returned {mat.Type()}, expected 8-bit 3-channel.");
        using var rgb = new Mat();
        Cv2.CvtColor(mat, rgb, ColorConversionCodes.BGR2RGB);
        int width = rgb.Width, height = rgb.Height, rowBytes = width * 3;
        var pixels = new byte[rowBytes * height];
        if (rgb.IsContinuous())
            Marshal.Copy(rgb.Data, pixels, 0, pixels.Length);
        else
            for (int y = 0; y < height; y++)
                Marshal.Copy(rgb.Ptr(y), pixels, y * rowBytes, rowBytes);
        return (pixels, width, height);
    }
}
