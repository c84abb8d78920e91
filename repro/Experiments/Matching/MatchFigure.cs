using Mast3r.Images;
using OpenCvSharp;

namespace Mast3r.Repro.Experiments.Matching;

/// <summary>Side-by-side PNG of two images with every 10th match drawn as a line (the demo figure).</summary>
internal static class MatchFigure
{
    public static void Save(string path, PreprocessedImage a, PreprocessedImage b, IReadOnlyList<(int A, int B)> matches)
    {
        using var ma = ToBgr(a);
        using var mb = ToBgr(b);
        int h = Math.Max(a.Height, b.Height);
        using var canvas = new Mat(h, a.Width + b.Width, MatType.CV_8UC3, Scalar.Black);
        ma.CopyTo(new Mat(canvas, new Rect(0, 0, a.Width, a.Height)));
        mb.CopyTo(new Mat(canvas, new Rect(a.Width, 0, b.Width, b.Height)));
        for (int i = 0; i < matches.Count; i += 10)
        {
            var (ia, ib) = matches[i];
            var colour = new Scalar((i * 37) % 256, (i * 91 + 80) % 256, 255 - (i * 53) % 256);
            Cv2.Line(canvas, new Point(ia % a.Width, ia / a.Width), new Point(a.Width + ib % b.Width, ib / b.Width), colour, 1, LineTypes.AntiAlias);
        }
        Cv2.ImWrite(path, canvas);
    }

    private static Mat ToBgr(PreprocessedImage image)
    {
        using var rgb = Mat.FromPixelData(image.Height, image.Width, MatType.CV_8UC3, image.Rgb);
        var bgr = new Mat();
        Cv2.CvtColor(rgb, bgr, ColorConversionCodes.RGB2BGR);
        return bgr;
    }
}
