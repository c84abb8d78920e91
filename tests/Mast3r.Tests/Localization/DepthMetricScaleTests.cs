using FluentAssertions;
using Mast3r.Datasets;
using Mast3r.Datasets.MapFree;
using Mast3r.Geometry;
using Mast3r.Localization;
using Xunit;

namespace Mast3r.Tests.Localization;

[Trait("Category", "Unit")]
public sealed class DepthMetricScaleTests
{
    private static readonly CameraIntrinsics K0 = new(200, 160, 150, 150, 99.5, 79.5);
    private static readonly CameraIntrinsics K1 = new(200, 160, 170, 165, 101.0, 78.0);

    [Fact]
    public void ExactDepthsRecoverTheMetricTranslation()
    {
        var c = Configuration(outlierEvery: 0);
        double s = DepthMetricScale.Estimate(c.Unit, c.Px0, c.Px1, K0, K1, c.Depth0, c.Depth1);
        s.Should().BeApproximately(c.Scale, 1e-5);
        c.Unit.Pose!.Translation.Select(x => x * s).Zip(c.Truth.Translation).Should().OnlyContain(p => Math.Abs(p.First - p.Second) < 1e-5);
    }

    [Fact]
    public void EveryInlierWithDepthGivesTheSameHypothesis()
    {
        var c = Configuration(outlierEvery: 0);
        var h = DepthMetricScale.Hypotheses(c.Unit, c.Px0, c.Px1, K0, K1, c.Depth0, c.Depth1);
        h.Should().HaveCount(c.Unit.Inliers.Length).And.OnlyContain(x => Math.Abs(x - c.Scale) < 1e-5);
    }

    [Fact]
    public void CorruptedDepthsAreOutvotedByTheOneDimensionalRansac()
    {
        // Every third correspondence has its query depth scaled by 1.5-2.5 (a spread of wrong scales); the 0.1 m band keeps the exact ones.
        var c = Configuration(outlierEvery: 3);
        var h = DepthMetricScale.Hypotheses(c.Unit, c.Px0, c.Px1, K0, K1, c.Depth0, c.Depth1);
        h.Count(x => Math.Abs(x - c.Scale) > 0.1).Should().BeGreaterThan(h.Count / 4);
        h.Average().Should().NotBeApproximately(c.Scale, 0.1, "a mean would be pulled away");
        DepthMetricScale.Estimate(c.Unit, c.Px0, c.Px1, K0, K1, c.Depth0, c.Depth1).Should().BeApproximately(c.Scale, 1e-5);
    }

    [Fact]
    public void OnlyEssentialMatrixInliersWithDepthInBothImagesVote()
    {
        var c = Configuration(outlierEvery: 0);
        var subset = PoseEstimate.Ok(c.Unit.Pose!, c.Unit.Inliers.Where(i => i % 2 == 0).ToArray());
        DepthMetricScale.Hypotheses(subset, c.Px0, c.Px1, K0, K1, c.Depth0, c.Depth1).Should().HaveCount(subset.Inliers.Length);
        var noDepth = new MapFreeDepthMap(K1.Width, K1.Height, Enumerable.Repeat(float.NaN, K1.Width * K1.Height).ToArray());
        DepthMetricScale.Estimate(c.Unit, c.Px0, c.Px1, K0, K1, c.Depth0, noDepth).Should().Be(double.NaN);
    }

    [Fact]
    public void RansacPicksTheFirstHypothesisWithTheMostValuesStrictlyInsideTheBand()
    {
        DepthMetricScale.Ransac(new[] { 3.0, 1.0, 1.05, 1.08, 3.02, 5.0 }).Should().Be((1.0, 3));
        // 1.0 and 1.1 are exactly one band apart: not inliers of each other.
        DepthMetricScale.Ransac(new[] { 1.0, 1.1, 2.0, 2.05 }).Should().Be((2.0, 2));
        DepthMetricScale.Ransac(new[] { double.NaN, 7.0 }).Should().Be((7.0, 1));
        DepthMetricScale.Ransac(Array.Empty<double>()).Scale.Should().Be(double.NaN);
    }

    private sealed record Case(PoseEstimate Unit, double[] Px0, double[] Px1, MapFreeDepthMap Depth0, MapFreeDepthMap Depth1, double Scale, Pose Truth);

    // Reference pixels on an integer grid with varying depth, their exact projections in the query under a known (R, t),
    // and depth maps such that every correspondence gives exactly the true scale after the baseline's truncation of the
    // keypoints: the query depth is stored at the truncated pixel and chosen so that (p₁ − R·p₀)·t̂ = |t| for the point
    // p₁ back-projected from that pixel (it differs from the true point only across t̂).
    private static Case Configuration(int outlierEvery)
    {
        var r = Rotation3.FromAxisAngle(new[] { 0.2, 1.0, 0.1 }, Rotation3.DegToRad(6));
        var t = new[] { 0.5, -0.1, 0.7 };
        double scale = Math.Sqrt(t.Sum(x => x * x));
        var that = t.Select(x => x / scale).ToArray();
        var d0 = Enumerable.Repeat(float.NaN, K0.Width * K0.Height).ToArray();
        var d1 = Enumerable.Repeat(float.NaN, K1.Width * K1.Height).ToArray();
        var px0 = new List<double>();
        var px1 = new List<double>();
        var used1 = new HashSet<int>();
        int n = 0;
        for (int v = 10; v < K0.Height; v += 12)
            for (int u = 10; u < K0.Width; u += 12)
            {
                double z0 = 2.0 + 0.01 * ((u * 7 + v * 13) % 300);
                var p0 = new[] { (u - K0.Cx) / K0.Fx * z0, (v - K0.Cy) / K0.Fy * z0, z0 };
                var rp0 = Rotation3.Apply(r, p0);
                double x1 = K1.Fx * (rp0[0] + t[0]) / (rp0[2] + t[2]) + K1.Cx, y1 = K1.Fy * (rp0[1] + t[1]) / (rp0[2] + t[2]) + K1.Cy;
                int u1 = (int)x1, v1 = (int)y1;
                if (x1 < 0 || y1 < 0 || u1 >= K1.Width || v1 >= K1.Height || !used1.Add(v1 * K1.Width + u1)) continue;
                var ray1 = new[] { (u1 - K1.Cx) / K1.Fx, (v1 - K1.Cy) / K1.Fy, 1.0 };
                double z1 = (scale + Dot(rp0, that)) / Dot(ray1, that);
                n++;
                double corrupt = outlierEvery > 0 && n % outlierEvery == 0 ? 1.5 + (n * 0.37 % 1.0) : 1.0;
                d0[v * K0.Width + u] = (float)z0;
                d1[v1 * K1.Width + u1] = (float)(z1 * corrupt);
                px0.Add(u); px0.Add(v); px1.Add(x1); px1.Add(y1);
            }
        n.Should().BeGreaterThan(60, "the configuration must keep most grid points inside the query image");
        var unit = PoseEstimate.Ok(new Pose(r, t.Select(x => x / scale).ToArray()), Enumerable.Range(0, n).ToArray());
        return new Case(unit, px0.ToArray(), px1.ToArray(), new MapFreeDepthMap(K0.Width, K0.Height, d0),
            new MapFreeDepthMap(K1.Width, K1.Height, d1), scale, new Pose(r, t));
    }

    private static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
