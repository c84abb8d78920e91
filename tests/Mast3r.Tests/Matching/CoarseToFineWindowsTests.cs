using FluentAssertions;
using Mast3r.Images;
using Mast3r.Matching;
using Xunit;

namespace Mast3r.Tests.Matching;

/// <summary>Window arithmetic of the coarse-to-fine matching (official coarse_to_fine.py facts) with hand-checked numbers.</summary>
[Trait("Category", "Unit")]
public class CoarseToFineWindowsTests
{
    [Fact]
    public void Start_positions_follow_the_rounded_linspace()
    {
        // spacing 256, last 1088, n = 2 + ⌊1087/256⌋ = 6, linspace step 217.6.
        CoarseToFineWindows.StartPositions(1600, 512, 0.5).Should().Equal(0, 218, 435, 653, 870, 1088);
        // spacing 192, last 816, n = 6, step 163.2: 489.6 → 490, 652.8 → 653.
        CoarseToFineWindows.StartPositions(1200, 384, 0.5).Should().Equal(0, 163, 326, 490, 653, 816);
        // last 688, n = 2 + ⌊687/256⌋ = 4, step 229.33.
        CoarseToFineWindows.StartPositions(1200, 512, 0.5).Should().Equal(0, 229, 459, 688);
        CoarseToFineWindows.StartPositions(512, 512, 0.5).Should().Equal(0);
        CoarseToFineWindows.StartPositions(513, 512, 0.5).Should().Equal(0, 1);
        FluentActions.Invoking(() => CoarseToFineWindows.StartPositions(400, 512, 0.5)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Half_even_rounding_of_linspace_starts()
    {
        // total 112, window 64: spacing 32, last 48, n = 2 + ⌊47/32⌋ = 3 → 0, 24, 48; total 104: last 40, n = 3 → 0, 20, 40.
        CoarseToFineWindows.StartPositions(112, 64, 0.5).Should().Equal(0, 24, 48);
        // last 5, spacing 2 (window 4): n = 2 + ⌊4/2⌋ = 4, step 5/3: 1.67 → 2, 3.33 → 3.
        CoarseToFineWindows.StartPositions(9, 4, 0.5).Should().Equal(0, 2, 3, 5);
        // last 5, spacing 2.5: n = 2 + ⌊4/2.5⌋ = 3 → 2.5 rounds to 2; last 7, spacing 5: n = 3 → 3.5 rounds to 4 (half to even).
        CoarseToFineWindows.StartPositions(15, 10, 0.75).Should().Equal(0, 2, 5);
        CoarseToFineWindows.StartPositions(17, 10, 0.5).Should().Equal(0, 4, 7);
    }

    [Theory]
    [InlineData(1600, 1200, 512, 512, 384)]
    [InlineData(1200, 1600, 512, 384, 512)]
    [InlineData(1920, 1080, 512, 512, 288)]
    [InlineData(1536, 1008, 512, 512, 336)]
    [InlineData(1024, 512, 512, 512, 256)]
    [InlineData(1600, 500, 512, 512, 160)]
    [InlineData(192, 144, 128, 128, 96)]
    [InlineData(144, 192, 128, 96, 128)]
    public void Network_resolution_is_the_nearest_trained_aspect_ratio(int w, int h, int maxdim, int ew, int eh) =>
        LoadGeometry.AspectResolution(w, h, maxdim).Should().Be((ew, eh));

    [Fact]
    public void Grid_windows_are_512_scaled_multiples_of_16_over_every_start_combination()
    {
        var grid = CoarseToFineWindows.Grid(1600, 1200, 512);
        grid.Should().HaveCount(36).And.OnlyContain(w => w.Width == 512 && w.Height == 384);
        grid.Take(6).Select(w => w.Left).Should().Equal(0, 218, 435, 653, 870, 1088);
        grid.Select(w => w.Top).Distinct().Should().Equal(0, 163, 326, 490, 653, 816);
        // 1000×700: 1000·512 div 1000 = 512; 700·512 div 1000 = 358 → 352.
        CoarseToFineWindows.Grid(1000, 700, 512).Should().OnlyContain(w => w.Width == 512 && w.Height == 352);
        CoarseToFineWindows.Grid(192, 144, 128).Select(w => (w.Left, w.Top)).Should().Equal((0, 0), (64, 0), (0, 48), (64, 48));
    }

    [Fact]
    public void Normalised_windows_have_exactly_the_forced_size_and_lie_inside_the_image()
    {
        var forced = (512, 384);
        // Centred growth: right = ⌊700 + 206⌋, bottom = ⌊600 + 142⌋.
        CoarseToFineWindows.Normalise(600, 500, 700, 600, 1600, 1200, forced).Should().Be(new CropWindow(394, 358, 512, 384));
        // Past the far corner: shifted back inside.
        CoarseToFineWindows.Normalise(1500, 1100, 1600, 1200, 1600, 1200, forced).Should().Be(new CropWindow(1088, 816, 512, 384));
        // Past the near corner.
        CoarseToFineWindows.Normalise(-30, -10, 70, 50, 1600, 1200, forced).Should().Be(new CropWindow(0, 0, 512, 384));
        // Fractional bounds: right = ⌊110.6 + (64 − 100.3)/2⌋ = 92, bottom = ⌊120.2 + (48 − 99.5)/2⌋ = 94.
        CoarseToFineWindows.Normalise(10.3, 20.7, 110.6, 120.2, 200, 150, (64, 48)).Should().Be(new CropWindow(28, 46, 64, 48));
        FluentActions.Invoking(() => CoarseToFineWindows.Normalise(0, 0, 10, 10, 500, 300, forced)).Should().Throw<ArgumentException>();
    }

    private static (double[] X1, double[] Y1, double[] X2, double[] Y2) Grid16(int width, int height, Func<double, double> fx, Func<double, double> fy)
    {
        var x1 = new List<double>(); var y1 = new List<double>();
        for (int y = 0; y < height; y += 16)
            for (int x = 0; x < width; x += 16) { x1.Add(x); y1.Add(y); }
        return (x1.ToArray(), y1.ToArray(), x1.Select(fx).ToArray(), y1.Select(fy).ToArray());
    }

    [Fact]
    public void Partner_window_is_centred_on_the_mean_partner_under_a_translation()
    {
        var (x1, y1, x2, y2) = Grid16(1600, 1200, x => x + 100, y => y + 50);
        var pair = CoarseToFineWindows.Score(new[] { new CropWindow(0, 0, 512, 384) }, x1, y1, x2, y2, 2000, 1500, (512, 384)).Single();
        // Inside: x ∈ {0, 16, …, 496} (mean 248), y ∈ {0, …, 368} (mean 184) → partner centre (348, 234).
        pair.Window2.Should().Be(new CropWindow(348 + 256 - 512, 234 + 192 - 384, 512, 384));
        pair.Weights.Count(w => w > 0).Should().Be(32 * 24);
    }

    [Fact]
    public void Partner_window_follows_a_scale_and_weights_are_gaussian_products()
    {
        var (x1, y1, x2, y2) = Grid16(1600, 1200, x => 2 * x, y => 2 * y);
        var pair = CoarseToFineWindows.Score(new[] { new CropWindow(512, 384, 512, 384) }, x1, y1, x2, y2, 3200, 2400, (512, 384)).Single();
        // Mean inside: x 760, y 568 → partner centre (1520, 1136); only the centre matters once the size is forced.
        pair.Window2.Should().Be(new CropWindow(1264, 944, 512, 384));
        // The match at the window-1 centre (768, 576) has partner (1536, 1152), 16 px right/below the partner centre.
        int i = Enumerable.Range(0, x1.Length).Single(k => x1[k] == 768 && y1[k] == 576);
        pair.Weights[i].Should().BeApproximately(Math.Exp(-2 * (Math.Pow(16.0 / 512, 2) + Math.Pow(16.0 / 384, 2))), 1e-12);
        int outside = Enumerable.Range(0, x1.Length).First(k => x1[k] == 0);
        pair.Weights[outside].Should().Be(0);
    }

    [Fact]
    public void Windows_with_fewer_than_ten_matches_are_dropped()
    {
        var x = Enumerable.Range(0, 9).Select(i => 10.0 * i).ToArray();
        var y = x.Select(_ => 5.0).ToArray();
        CoarseToFineWindows.Score(new[] { new CropWindow(0, 0, 128, 96) }, x, y, x, y, 192, 144, (128, 96)).Should().BeEmpty();
        var x10 = x.Append(95.0).ToArray();
        var y10 = y.Append(5.0).ToArray();
        CoarseToFineWindows.Score(new[] { new CropWindow(0, 0, 128, 96) }, x10, y10, x10, y10, 192, 144, (128, 96)).Should().ContainSingle();
    }

    [Fact]
    public void Greedy_selection_subtracts_picked_rows_and_stops_once_the_target_is_reached()
    {
        var rows = new[] { new double[] { 1, 1, 0, 0 }, new double[] { 0, 1, 1, 0 }, new double[] { 0, 0, 0, 1 } };
        // total = 4; sums 2, 2, 1 → row 0 (first on ties); then rows 1 and 2 hold 1 each → row 1; then row 2.
        CoarseToFineWindows.GreedySelection(rows, 0.9).Should().Equal(0, 1, 2);
        // Target 3 is reached exactly after two picks (≥ stops).
        CoarseToFineWindows.GreedySelection(rows, 0.75).Should().Equal(0, 1);
        CoarseToFineWindows.GreedySelection(rows, 0.5).Should().Equal(0);
        // Partial overlap: row 1 keeps max(1 − 0.5, 0) after row 0 is picked.
        CoarseToFineWindows.GreedySelection(new[] { new[] { 0.5, 0.5 }, new[] { 1.0, 0 } }, 0.9).Should().Equal(0, 1);
        CoarseToFineWindows.GreedySelection(Array.Empty<double[]>()).Should().BeEmpty();
    }

    [Fact]
    public void Selected_pairs_cover_the_matches_with_network_sized_windows_inside_both_images()
    {
        var (x1, y1, x2, y2) = Grid16(1600, 1200, x => 0.8 * x + 40, y => 0.8 * y + 30);
        var matches = new MatchPoints(x1, y1, x2, y2);
        var pairs = CoarseToFineWindows.SelectPairs(matches, (1600, 1200), (1400, 1050), 512);

        pairs.Should().NotBeEmpty();
        pairs.Should().OnlyContain(p => p.Window1.Width == 512 && p.Window1.Height == 384 && p.Window2.Width == 512 && p.Window2.Height == 384);
        pairs.Should().OnlyContain(p => p.Window1.Left >= 0 && p.Window1.Right <= 1600 && p.Window1.Bottom <= 1200
                                        && p.Window2.Left >= 0 && p.Window2.Right <= 1400 && p.Window2.Bottom <= 1050);
        // Every match lies in some selected image-1 window (the grid overlaps by half, the cover reaches 90 % of the weight).
        double inside = Enumerable.Range(0, matches.Count).Count(i => pairs.Any(p => p.Window1.Contains(x1[i], y1[i])));
        (inside / matches.Count).Should().BeGreaterThan(0.9);

        var few = new MatchPoints(new double[] { 1, 2 }, new double[] { 1, 2 }, new double[] { 1, 2 }, new double[] { 1, 2 });
        CoarseToFineWindows.SelectPairs(few, (1600, 1200), (1600, 1200), 512).Should().BeEmpty();
    }
}
