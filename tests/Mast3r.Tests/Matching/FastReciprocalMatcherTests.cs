using FluentAssertions;
using Mast3r.Matching;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Matching;

/// <summary>The iteration rules of architecture-spec.md §6.1 on hand-built maps whose nearest neighbours are known.</summary>
[Trait("Category", "Unit")]
public class FastReciprocalMatcherTests
{
    // A 1-row map of unit vectors at the given angles (degrees) in the xy-plane; null = (0, 0, 1), far from all.
    private static Tensor Row(params double?[] degrees) => Grid(1, degrees);

    // Row-major [height, degrees.Length / height] map.
    private static Tensor Grid(int height, double?[] degrees)
    {
        var values = new float[degrees.Length * 3];
        for (int i = 0; i < degrees.Length; i++)
        {
            if (degrees[i] is { } d)
            {
                values[3 * i] = (float)Math.Cos(d * Math.PI / 180);
                values[3 * i + 1] = (float)Math.Sin(d * Math.PI / 180);
            }
            else values[3 * i + 2] = 1f;
        }
        return tensor(values, height, degrees.Length / height, 3);
    }

    private static string[] Rows(Correspondences m) => MatchFixtures.Rows(m);

    public static TheoryData<bool> Kernels => new() { false, true };

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Grid_seeds_walk_to_the_reciprocal_pair_and_report_converged_positions(bool torchBlocks)
    {
        // NN(a0) = b0, NN(b0) = a1, NN(a1) = b0: seed a0 ends at (a1, b0); a2 <-> b1 is reciprocal at once.
        using var a = Row(0, 30, 180);
        using var b = Row(20, 200);
        var m = FastReciprocalMatcher.Match(a, b, subsample: 1, new MatcherOptions { TorchBlocksOnCpu = torchBlocks });
        Rows(m).Should().Equal("1,0,0,0", "2,0,1,0");
    }

    [Fact]
    public void Explicit_seeds_get_one_round_and_drop_non_reciprocal_seeds()
    {
        using var a = Row(0, 30, 180);
        using var b = Row(20, 200);
        var m = FastReciprocalMatcher.MatchFromSeeds(a, b, new[] { 0, 2 }, new[] { 0, 0 });
        Rows(m).Should().Equal("2,0,1,0");
    }

    [Fact]
    public void Pixel_tolerance_keeps_seeds_that_map_back_nearby_and_returns_the_seeds()
    {
        using var a = Row(0, 30, 180);
        using var b = Row(20, 200);
        Rows(FastReciprocalMatcher.MatchFromSeeds(a, b, new[] { 0, 2 }, new[] { 0, 0 }, pixelTol: 1.5))
            .Should().Equal("0,0,0,0", "2,0,1,0");
        Rows(FastReciprocalMatcher.MatchFromSeeds(a, b, new[] { 0, 2 }, new[] { 0, 0 }, pixelTol: 1.0))
            .Should().Equal(new[] { "2,0,1,0" }, "the back-projection of seed 0 is exactly 1 px away and the test is strict");
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void A_seed_still_moving_after_ten_rounds_is_dropped(int chainLength, bool kept)
    {
        // Chain a0, b0, a1, b1, … with shrinking gaps: each NN step moves one link forward, so seed a0 converges
        // in round chainLength. Map 1 is 2x24: row 0 holds a1…, row 1 column 1 holds a0; the grid seeds (S = 2) are
        // the odd columns of row 1. All other pixels are "padding" (0, 0, 1), which pairs with map 2's last pixel
        // and converges at once to the first padding pixel of map 1: the pair (n-1, 0) <-> (n-1, 0) in both cases.
        int n = chainLength;
        var angles = new List<double> { 0 };
        for (int i = 1; i < 2 * n - 1; i++) angles.Add(angles[^1] + 10 - 0.4 * (i - 1));
        var map1 = new double?[48];
        map1[24 + 1] = angles[0];
        for (int k = 1; k < n; k++) map1[k - 1] = angles[2 * k];
        var map2 = Enumerable.Range(0, n - 1).Select(k => (double?)angles[2 * k + 1]).Append(null).ToArray();
        using var a = Grid(2, map1);
        using var b = Row(map2);

        var rows = Rows(FastReciprocalMatcher.Match(a, b, subsample: 2));
        string chainEnd = $"{n - 2},0,{n - 2},0", padding = $"{n - 1},0,{n - 1},0";
        if (kept) rows.Should().Equal(chainEnd, padding);
        else rows.Should().Equal(padding);
    }

    [Fact]
    public void Identical_maps_match_every_seed_to_itself_in_index_order()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(7);
        var desc = nn.functional.normalize(randn(new long[] { 20, 28, 8 }, generator: gen), p: 2, dim: -1);
        var m = FastReciprocalMatcher.Match(desc, desc, subsample: 4);
        m.Count.Should().Be(5 * 7);
        m.X1.Should().Equal(m.X2);
        m.Y1.Should().Equal(m.Y2);
        Enumerable.Range(0, m.Count).Select(i => m.X1[i] + 28 * m.Y1[i]).Should().BeInAscendingOrder();
        m.X1.Should().OnlyContain(x => x % 4 == 2);
        // The caller's tensors stay usable.
        FastReciprocalMatcher.Match(desc, desc, subsample: 4).Count.Should().Be(35);
    }

    [Fact]
    public void Fused_kernel_and_torch_blocks_give_identical_matches_on_smooth_random_maps()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(11);
        Tensor Smooth() => nn.functional.normalize(
            nn.functional.interpolate(randn(new long[] { 1, 24, 8, 10 }, generator: gen), new long[] { 64, 80 }, mode: InterpolationMode.Bilinear)[0]
                .permute(1, 2, 0).contiguous() + 0.05 * randn(new long[] { 64, 80, 24 }, generator: gen), p: 2, dim: -1);
        var a = Smooth();
        var b = Smooth();
        var fused = FastReciprocalMatcher.Match(a, b);
        var blocks = FastReciprocalMatcher.Match(a, b, 8, new MatcherOptions { TorchBlocksOnCpu = true, BlockSize = 1000 });
        fused.Count.Should().BeGreaterThan(0);
        Rows(fused).Should().Equal(Rows(blocks));
    }

    [Fact]
    public void Invalid_inputs_are_rejected_with_clear_messages()
    {
        using var a = Row(0, 30, 180);
        using var b = Row(20, 200);
        using var wrongDim = zeros(1, 2, 4);
        using var flat = zeros(6, 3);

        FluentActions.Invoking(() => FastReciprocalMatcher.Match(a, wrongDim)).Should().Throw<ArgumentException>().WithMessage("*dimensions differ*");
        FluentActions.Invoking(() => FastReciprocalMatcher.Match(flat, b)).Should().Throw<ArgumentException>().WithMessage("*[H, W, D]*");
        FluentActions.Invoking(() => FastReciprocalMatcher.Match(a, b, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => FastReciprocalMatcher.MatchFromSeeds(a, b, new[] { 3 }, new[] { 0 }))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*(3, 0)*outside*");
        FluentActions.Invoking(() => FastReciprocalMatcher.MatchFromSeeds(a, b, new[] { 0 }, new[] { 0, 0 }))
            .Should().Throw<ArgumentException>();
    }
}
