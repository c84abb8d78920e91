using OpenCvSharp;

namespace Mast3r.Training.Data.Co3d;

/// <summary>
/// The image codecs of the CO3D preprocessing through OpenCV: RGB JPEG in, CO3D float16-in-uint16 depth PNG in,
/// mask PNG in (matplotlib imread scaling: value / 255 for 8-bit, / 65535 for 16-bit); JPEG quality 75 (PIL's
/// default), uint16 depth PNG and uint8 mask PNG out (protocols.md §6.3).
/// </summary>
internal static class Co3dImageFiles
{
    public static (byte[] Rgb, int Width, int Height) ReadRgb(string path)
    {
        Require(path);
        using var bgr = Cv2.ImRead(path, ImreadModes.Color);
        if (bgr.Empty()) throw new InvalidDataException($"{path}: OpenCV could not decode the image.");
        using var rgb = new Mat();
        Cv2.CvtColor(bgr, rgb, ColorConversionCodes.BGR2RGB);
        rgb.GetArray(out Vec3b[] px);
        var bytes = new byte[px.Length * 3];
        for (int i = 0; i < px.Length; i++) (bytes[3 * i], bytes[3 * i + 1], bytes[3 * i + 2]) = (px[i].Item0, px[i].Item1, px[i].Item2);
        return (bytes, rgb.Width, rgb.Height);
    }

    /// <summary>Depth in metres from a CO3D depth PNG (uint16 words holding float16 bit patterns).</summary>
    public static (float[] Depth, int Width, int Height) ReadDepth(string path)
    {
        Require(path);
        using var m = Cv2.ImRead(path, ImreadModes.Unchanged);
        if (m.Empty()) throw new InvalidDataException($"{path}: OpenCV could not decode the depth PNG.");
        if (m.Type() != MatType.CV_16UC1) throw new InvalidDataException($"{path}: depth PNG must be single-channel 16-bit, found {m.Type()}.");
        m.GetArray(out ushort[] words);
        return (Co3dFrameGeometry.DecodeDepth(words), m.Width, m.Height);
    }

    public static (float[] Mask, int Width, int Height) ReadMask(string path)
    {
        Require(path);
        using var m = Cv2.ImRead(path, ImreadModes.Unchanged);
        if (m.Empty()) throw new InvalidDataException($"{path}: OpenCV could not decode the mask PNG.");
        float[] mask;
        if (m.Type() == MatType.CV_8UC1)
        {
            m.GetArray(out byte[] b);
            mask = b.Select(v => v / 255f).ToArray();
        }
        else if (m.Type() == MatType.CV_16UC1)
        {
            m.GetArray(out ushort[] w);
            mask = w.Select(v => v / 65535f).ToArray();
        }
        else throw new InvalidDataException($"{path}: mask PNG must be single-channel 8- or 16-bit, found {m.Type()}.");
        return (mask, m.Width, m.Height);
    }

    public static void WriteJpeg(string path, byte[] rgb, int width, int height)
    {
        using var m = Mat.FromPixelData(height, width, MatType.CV_8UC3, rgb);
        using var bgr = new Mat();
        Cv2.CvtColor(m, bgr, ColorConversionCodes.RGB2BGR);
        Write(path, bgr, new ImageEncodingParam(ImwriteFlags.JpegQuality, 75));
    }

    public static void WritePng16(string path, ushort[] words, int width, int height)
    {
        using var m = Mat.FromPixelData(height, width, MatType.CV_16UC1, words);
        Write(path, m);
    }

    public static void WritePng8(string path, byte[] values, int width, int height)
    {
        using var m = Mat.FromPixelData(height, width, MatType.CV_8UC1, values);
        Write(path, m);
    }

    private static void Write(string path, Mat m, params ImageEncodingParam[] prms)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!Cv2.ImWrite(path, m, prms)) throw new IOException($"{path}: OpenCV could not write the file.");
    }

    private static void Require(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
    }
}
