namespace Mast3r.Matching;

/// <summary>An axis-aligned crop window in full-resolution pixels, right/bottom exclusive.</summary>
internal readonly record struct CropWindow(int Left, int Top, int Width, int Height)
{
    public int Right => Left + Width;
    public int Bottom => Top + Height;
    public double CentreX => Left + Width / 2.0;
    public double CentreY => Top + Height / 2.0;

    public bool Contains(double x, double y) => x >= Left && x < Right && y >= Top && y < Bottom;

    /// <summary>A window of the given size centred on (cx, cy), shrunk to the image if larger and shifted inside it.</summary>
    public static CropWindow Centred(double cx, double cy, int width, int height, int imageWidth, int imageHeight)
    {
        width = Math.Clamp(width, 1, imageWidth);
        height = Math.Clamp(height, 1, imageHeight);
        int left = Math.Clamp((int)Math.Round(cx - width / 2.0), 0, imageWidth - width);
        int top = Math.Clamp((int)Math.Round(cy - height / 2.0), 0, imageHeight - height);
        return new CropWindow(left, top, width, height);
    }
}
