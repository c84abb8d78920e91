using FluentAssertions;
using Mast3r.Images;
using Mast3r.Inference;
using Mast3r.Matching;
using Xunit;

namespace Mast3r.Tests.Matching;

/// <summary>The generic coarse-to-fine pair matcher (no 3-D) on synthetic inputs; window arithmetic is tested in
/// <see cref="CoarseToFineWindowsTests"/>.</summary>
[Trait("Category", "Unit")]
public class CoarseToFineTests
{
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
