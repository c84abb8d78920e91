namespace Mast3r.Matching;

/// <summary>An axis-aligned crop window in pixels (left, top inclusive; right, bottom exclusive).</summary>
internal readonly record struct CropWindow(int Left, int Top, int Width, int Height)
{
    public int Right => Left + Width;
    public int Bottom => Top + Height;

    /// <summary>Centre = mean of the corners (l + r)/2, as the official window weighting takes it.</summary>
    public double CentreX => Left + Width / 2.0;
    public double CentreY => Top + Height / 2.0;

    /// <summary>l ≤ x &lt; r and t ≤ y &lt; b.</summary>
    public bool Contains(double x, double y) => x >= Left && x < Right && y >= Top && y < Bottom;

    public override string ToString() => $"[{Left},{Top})-[{Right},{Bottom})";
}
