using FluentAssertions;
using Mast3r.Images;
using Mast3r.Inference;
using Mast3r.Matching;
using Xunit;

namespace Mast3r.Tests.Matching;

/// <summary>Coarse-to-fine geometry (architecture-spec.md §6.3) on synthetic inputs; the formulas are our reading of
/// the spec, so these tests pin behaviour, not parity.</summary>
[Trait("Category", "Unit")]
public class CoarseToFineTests
{
    [Fact]
    public void Network_size_follows_the_aspect_ratio()
    {
        CoarseToFineWindows.NetworkSize(1024, 768).Should().Be((512, 384));
        CoarseToFineWindows.NetworkSize(768, 1024).Should().Be((384, 512));
    }

    [Fact]
    public void Tiles_overlap_by_half_and_touch_the_far_border()
    {
        var tiles = CoarseToFineWindows.Tile(1024, 768, 512, 384);
        tiles.Select(t => t.Left).Distinct().Should().Equal(0, 256, 512);
        tiles.Select(t => t.Top).Distinct().Should().Equal(0, 192, 384);
        tiles.Should().HaveCount(9).And.OnlyContain(t => t.Width == 512 && t.Height == 384);

        var odd = CoarseToFineWindows.Tile(600, 400, 512, 384);
        odd.Select(t => (t.Left, t.Top)).Should().Equal((0, 0), (88, 0), (0, 16), (88, 16));
    }

    private static MatchPoints Grid(Func<double, double> toBx, Func<double, double> toBy, int width, int height, int step)
    {
        var xa = new List<double>(); var ya = new List<double>();
        for (int y = 0; y < height; y += step)
            for (int x = 0; x < width; x += step) { xa.Add(x); ya.Add(y); }
        return new MatchPoints(xa.ToArray(), ya.ToArray(), xa.Select(toBx).ToArray(), ya.Select(toBy).ToArray());
    }

    [Fact]
    public void Partner_window_follows_a_translation_at_the_same_scale()
    {
        var matches = Grid(x => x + 100, y => y + 50, 1024, 768, 16);
        var partner = CoarseToFineWindows.Partner(new CropWindow(0, 0, 512, 384), matches, 2000, 1500)!.Value;
        (partner.Width, partner.Height).Should().Be((512, 384));
        // The median of the sampled points (every 16 px from 0) is 8 px left of and above the window centre.
        (partner.Left, partner.Top).Should().Be((100 - 8, 50 - 8));
    }

    [Fact]
    public void Partner_window_grows_with_the_scale_and_stays_inside_the_image()
    {
        var matches = Grid(x => 2 * x, y => 2 * y, 1024, 768, 16);
        var partner = CoarseToFineWindows.Partner(new CropWindow(256, 192, 512, 384), matches, 2048, 1536)!.Value;
        (partner.Width, partner.Height).Should().Be((1024, 768));
        partner.CentreX.Should().BeApproximately(2 * (256 + 248), 16);
        var clamped = CoarseToFineWindows.Partner(new CropWindow(512, 384, 512, 384), matches, 1600, 1200)!.Value;
        clamped.Right.Should().BeLessThanOrEqualTo(1600);
        clamped.Bottom.Should().BeLessThanOrEqualTo(1200);
        CoarseToFineWindows.Partner(new CropWindow(5000, 5000, 10, 10), matches, 2048, 1536).Should().BeNull("no match falls inside");
    }

    [Fact]
    public void Greedy_cover_takes_the_pairs_that_cover_the_clusters_and_skips_useless_ones()
    {
        // Two clusters of correspondences; candidates 0 and 2 cover one each, candidate 1 covers nothing.
        var left = Grid(x => x, y => y, 100, 100, 10);
        var right = Grid(x => x + 1000, y => y, 100, 100, 10);
        var matches = MatchPoints.Concat([left, new MatchPoints(right.XB, right.YA, right.XB, right.YB)]);
        var candidates = new List<(CropWindow A, CropWindow B)>
        {
            (new CropWindow(0, 0, 100, 100), new CropWindow(0, 0, 100, 100)),
            (new CropWindow(400, 400, 100, 100), new CropWindow(400, 400, 100, 100)),
            (new CropWindow(1000, 0, 100, 100), new CropWindow(1000, 0, 100, 100)),
        };
        CoarseToFineWindows.GreedyCover(candidates, matches).Should().BeEquivalentTo(new[] { 0, 2 });
        CoarseToFineWindows.GreedyCover(candidates, left).Should().Equal(0);
    }

    [Fact]
    public void Coarse_points_map_back_to_full_resolution_pixel_centres()
    {
        var m = new Correspondences(new[] { 0 }, new[] { 0 }, new[] { 10 }, new[] { 0 });
        var square = new RgbImage(new byte[600 * 600 * 3], 600, 600);
        var wide = new RgbImage(new byte[1024 * 768 * 3], 1024, 768);
        var full = CoarseToFineMatcher.ToFullResolution(m, wide, square, 512);
        full.XA[0].Should().Be(0.5);
        full.XB[0].Should().BeApproximately(10.5 * 600 / 512 - 0.5, 1e-12);
        full.YB[0].Should().BeApproximately(64.5 * 600 / 512 - 0.5, 1e-12, "the square rule crops 64 rows at 512");
    }

    [Fact]
    public void Identical_images_give_identity_matches_at_full_resolution()
    {
        var rng = new Random(5);
        var rgb = new byte[128 * 96 * 3];
        rng.NextBytes(rgb);
        var image = new RgbImage(rgb, 128, 96);
        var options = new CoarseToFineOptions { LongSide = 64, FineSeedStride = 4 };

        var m = CoarseToFineMatcher.Match(new PatchDescriptorPredictor(), image, image, options);

        m.Count.Should().BeGreaterThan(100);
        m.XA.Should().Equal(m.XB);
        m.YA.Should().Equal(m.YB);
        m.XA.Should().OnlyContain(x => x >= 0 && x < 128);
        m.YA.Should().OnlyContain(y => y >= 0 && y < 96);
    }

    /// <summary>Descriptor of a pixel = fixed random projection of its 3×3 RGB neighbourhood, normalised.</summary>
    private sealed class PatchDescriptorPredictor : IPairPredictor
    {
        private const int Dim = 24;
        private static readonly Random Rng = new(17);
        private readonly float[] _projection = Enumerable.Range(0, 27 * Dim).Select(_ => (float)(Rng.NextDouble() * 2 - 1)).ToArray();

        public string Name => "3x3 patch projection";

        public IReadOnlyList<PairPrediction> Predict(IReadOnlyList<(PreprocessedImage First, PreprocessedImage Second)> pairs)
            => pairs.Select(p => new PairPrediction(View(p.First), View(p.Second))).ToList();

        private ViewPrediction View(PreprocessedImage im)
        {
            int h = im.Height, w = im.Width;
            var desc = new float[h * w * Dim];
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    var d = desc.AsSpan((y * w + x) * Dim, Dim);
                    int t = 0;
                    for (int dy = -1; dy <= 1; dy++)
                        for (int dx = -1; dx <= 1; dx++)
                            for (int c = 0; c < 3; c++, t++)
                            {
                                int yy = Math.Clamp(y + dy, 0, h - 1), xx = Math.Clamp(x + dx, 0, w - 1);
                                float v = im.Rgb[(yy * w + xx) * 3 + c] / 255f - 0.5f;
                                for (int k = 0; k < Dim; k++) d[k] += v * _projection[t * Dim + k];
                            }
                    float norm = MathF.Sqrt(d.ToArray().Sum(v => v * v));
                    for (int k = 0; k < Dim; k++) d[k] /= norm;
                }
            return new ViewPrediction(h, w, new float[h * w * 3], new float[h * w], desc, new float[h * w], Dim);
        }
    }
}
