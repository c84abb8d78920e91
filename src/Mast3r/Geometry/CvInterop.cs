using OpenCvSharp;

namespace Mast3r.Geometry;

/// <summary>Copies between double arrays and OpenCV matrices (always CV_64F, so nothing is rounded to float).</summary>
internal static class CvInterop
{
    public static Mat Matrix(double[,] values) => Mat.FromArray(values);

    public static Mat Points(IReadOnlyList<Point3d> points) => Mat.FromArray(points.ToArray());

    public static Mat Points(IReadOnlyList<Point2d> points) => Mat.FromArray(points.ToArray());

    /// <summary>OpenCV wants an empty Mat (not null) for "no distortion".</summary>
    public static Mat DistortionCoefficients(PinholeCamera camera) =>
        camera.HasDistortion ? Mat.FromArray(camera.Distortion.ToArray()) : new Mat();

    public static double[,] ToArray(Mat m)
    {
        using var d = new Mat();
        m.ConvertTo(d, MatType.CV_64FC1);
        int rows = d.Rows, cols = d.Cols;
        var r = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                r[i, j] = d.At<double>(i, j);
        return r;
    }

    /// <summary>A vector (any 1×n / n×1 single- or multi-channel layout) as doubles.</summary>
    public static double[] ToVector(Mat m)
    {
        using var flat = m.Reshape(1, (int)m.Total() * m.Channels());
        using var d = new Mat();
        flat.ConvertTo(d, MatType.CV_64FC1);
        var r = new double[d.Rows];
        for (int i = 0; i < r.Length; i++) r[i] = d.At<double>(i, 0);
        return r;
    }

    public static bool AllFinite(double[,] m)
    {
        foreach (double v in m) if (!double.IsFinite(v)) return false;
        return true;
    }

    public static bool AllFinite(IEnumerable<double> v) => v.All(double.IsFinite);
}
