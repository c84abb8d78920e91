using FluentAssertions;
using Mast3r.Matching;
using Xunit;

namespace Mast3r.Tests.Matching;

/// <summary>3-D reciprocal matching of pointmaps ("3d" map-free matching) on surfaces whose exact partners are known.</summary>
[Trait("Category", "Unit")]
public sealed class PointmapReciprocalMatcherTests
{
    private const int W = 512, H = 384;

    // The camera-frame point seen at pixel (x, y) of a wavy surface 1.5-3 m away (f = 400 px); defined beyond the image
    // so that a shifted crop sees the very same points.
    private static (float X, float Y, float Z) Surface(int x, int y)
    {
        double z = 2.2 + 0.4 * Math.Sin(x / 60.0) + 0.3 * Math.Cos(y / 45.0) + 0.0005 * x;
        return ((float)((x - 255.5) / 400 * z), (float)((y - 191.5) / 400 * z), (float)z);
    }

    private static float[] Map(int dx, int dy)
    {
        var pts = new float[W * H * 3];
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                (pts[3 * (y * W + x)], pts[3 * (y * W + x) + 1], pts[3 * (y * W + x) + 2]) = Surface(x + dx, y + dy);
        return pts;
    }

    private static bool[] All(bool value = true) => Enumerable.Repeat(value, W * H).ToArray();

    [Fact]
    public void IdenticalPointmapsMatchEveryGridSeedToItselfAtFullResolution()
    {
        var a = Map(0, 0);
        var m = PointmapReciprocalMatcher.MatchGrid(a, All(), H, W, (float[])a.Clone(), All(), H, W, subsample: 8);

        m.Count.Should().Be(64 * 48, "8-px grid on 512x384");
        for (int i = 0; i < m.Count; i++)
        {
            (m.X1[i], m.Y1[i]).Should().Be((m.X2[i], m.Y2[i]));
            (m.X1[i] % 8, m.Y1[i] % 8).Should().Be((4, 4));
        }
    }

    [Fact]
    public void ShiftedViewOfTheSameSurfaceMatchesTheSamePointsOnly()
    {
        // Map 2 sees the surface shifted by (37, -21) pixels: pixel (x, y) of map 2 holds map 1's point at (x + 37, y - 21).
        const int dx = 37, dy = -21;
        var m = PointmapReciprocalMatcher.MatchGrid(Map(0, 0), All(), H, W, Map(dx, dy), All(), H, W, subsample: 8);

        for (int i = 0; i < m.Count; i++) (m.X2[i] + dx, m.Y2[i] + dy).Should().Be((m.X1[i], m.Y1[i]));
        int seedsInOverlap = Enumerable.Range(0, 48).Count(r => 8 * r + 4 >= -dy) * Enumerable.Range(0, 64).Count(c => 8 * c + 4 >= dx);
        m.Count.Should().BeGreaterThanOrEqualTo(seedsInOverlap, "every seed in the overlap has its exact partner");
    }

    [Fact]
    public void InvalidPixelsAreNeitherSeedsNorPartners()
    {
        var a = Map(0, 0);
        var valid1 = All();
        var valid2 = All();
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
            {
                if (x < 128) valid1[y * W + x] = false; // left quarter of map 1: e.g. sky
                if (y >= 288) valid2[y * W + x] = false; // bottom quarter of map 2
            }
        // Invalid pixels may hold garbage: it must not matter.
        for (int i = 0; i < W * H; i++)
            if (!valid1[i]) a[3 * i] = a[3 * i + 1] = a[3 * i + 2] = 0;

        var m = PointmapReciprocalMatcher.MatchGrid(a, valid1, H, W, Map(0, 0), valid2, H, W, subsample: 8);

        // Seeds whose partner is invalid walk to the edge of the valid region; the others match themselves.
        m.Count.Should().BeGreaterThanOrEqualTo(48 * 36, "seeds with x ≥ 128 in map 1 and y < 288 in map 2 match themselves");
        for (int i = 0; i < m.Count; i++)
        {
            valid1[m.Y1[i] * W + m.X1[i]].Should().BeTrue();
            valid2[m.Y2[i] * W + m.X2[i]].Should().BeTrue();
            (m.X1[i], m.Y1[i]).Should().Be((m.X2[i], m.Y2[i]));
        }
    }

    [Fact]
    public void NoValidPointGivesNoMatch()
    {
        var a = Map(0, 0);
        PointmapReciprocalMatcher.MatchGrid(a, All(), H, W, a, All(false), H, W, 8).Count.Should().Be(0);
    }

    [Fact]
    public void ValidPixelWithoutFinitePointAndWrongSizesAreRejected()
    {
        var a = Map(0, 0);
        var bad = (float[])a.Clone();
        bad[3 * 100] = float.NaN;
        var nan = () => PointmapReciprocalMatcher.MatchGrid(a, All(), H, W, bad, All(), H, W, 8);
        nan.Should().Throw<ArgumentException>().WithMessage("*pixel 100*not finite*");
        var size = () => PointmapReciprocalMatcher.MatchGrid(a, All(), H, W - 1, a, All(), H, W, 8);
        size.Should().Throw<ArgumentException>().WithMessage("*511x384*");
    }
}
