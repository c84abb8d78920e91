using FluentAssertions;
using Mast3r.IO;
using Mast3r.Training.Data;
using Xunit;

namespace Mast3r.Tests.Training;

/// <summary>Correspondence extraction against the fixture's full reciprocal sets and sampled correspondences.</summary>
[Trait("Category", "Parity")]
public sealed class CorrespondenceTests
{
    private static NpyArray Npy(string rel) => NpyArray.Load(Path.Combine(LossFixture.Dir, rel));

    /// <summary>Row <paramref name="row"/> of the criterion batch, view <paramref name="view"/>.</summary>
    internal static Correspondences.View FixtureView(int view, int row)
    {
        var pts = Npy($"inputs/view{view}_pts3d.npy");
        int h = (int)pts.Shape[1], w = (int)pts.Shape[2];
        float[] all = pts.ToFloats();
        double[] k = Npy($"inputs/view{view}_camera_intrinsics.npy").ToDoubles();
        double[] pose = Npy($"inputs/view{view}_camera_pose.npy").ToDoubles();
        return new Correspondences.View(all.AsSpan(row * h * w * 3, h * w * 3).ToArray(), h, w,
            k.AsSpan(row * 9, 9).ToArray(), pose.AsSpan(row * 16, 16).ToArray());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 2)]
    public void Reciprocal_set_equals_the_official_one(int scene, int row)
    {
        var v1 = FixtureView(1, row);
        var v2 = FixtureView(2, row);
        var (pos1, pos2, _, _) = Correspondences.Reciprocal(v1, v2);
        long[] ref1 = Npy($"data/scene{scene}_all_reciprocal_xy1.npy").ToLongs();
        long[] ref2 = Npy($"data/scene{scene}_all_reciprocal_xy2.npy").ToLongs();
        var mine = pos1.Zip(pos2, (a, b) => (a % v1.Width, a / v1.Width, b % v2.Width, b / v2.Width)).ToList();
        var official = Enumerable.Range(0, ref1.Length / 2)
            .Select(i => ((int)ref1[2 * i], (int)ref1[2 * i + 1], (int)ref2[2 * i], (int)ref2[2 * i + 1])).ToList();
        mine.Should().Equal(official);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Sampled_set_has_the_official_structure_and_the_stored_positives_are_reciprocal(int row)
    {
        var v1 = FixtureView(1, row);
        var v2 = FixtureView(2, row);
        var (pos1, pos2, rec1, rec2) = Correspondences.Reciprocal(v1, v2);
        var pairs = pos1.Zip(pos2).ToHashSet();
        var sample = Correspondences.Sample(v1, v2, 256, 0.5, new SeededCorrespondenceRandom(new Random(3)));
        sample.Valid.Count(v => v).Should().Be(128);
        sample.Valid.Take(128).Should().OnlyContain(v => v, "positives come first");
        for (int k = 0; k < 256; k++)
        {
            int a = sample.Y1[k] * v1.Width + sample.X1[k], b = sample.Y2[k] * v2.Width + sample.X2[k];
            if (sample.Valid[k]) pairs.Should().Contain((a, b));
            else { rec1[a].Should().BeFalse(); rec2[b].Should().BeFalse(); }
        }

        // The official draw (stored in the fixture) has the same properties.
        long[] c1 = Npy("inputs/view1_corres.npy").ToLongs(), c2 = Npy("inputs/view2_corres.npy").ToLongs();
        long[] valid = Npy("inputs/view1_valid_corres.npy").ToLongs();
        for (int k = 0; k < 256; k++)
        {
            int o = (row * 256 + k) * 2;
            int a = (int)(c1[o + 1] * v1.Width + c1[o]), b = (int)(c2[o + 1] * v2.Width + c2[o]);
            if (valid[row * 256 + k] != 0) pairs.Should().Contain((a, b));
            else { rec1[a].Should().BeFalse(); rec2[b].Should().BeFalse(); }
        }
    }
}
