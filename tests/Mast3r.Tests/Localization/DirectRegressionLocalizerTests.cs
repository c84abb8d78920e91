using FluentAssertions;
using Mast3r.Datasets;
using Mast3r.Geometry;
using Mast3r.Images;
using Mast3r.Inference;
using Mast3r.Localization;
using Mast3r.Metrics;
using Xunit;

namespace Mast3r.Tests.Localization;

/// <summary>
/// Direct regression on hand-made exact pointmaps: a 640×480 query seen at 320×240 network resolution, every network
/// pixel's 3-D (a wavy depth surface) written in a reference frame that differs from the world.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DirectRegressionLocalizerTests
{
    private static readonly CameraIntrinsics QueryK = new(640, 480, 500, 510, 319.5, 241.0);
    private static readonly NetworkImage Query = new(new PreprocessedImage(new byte[320 * 240 * 3], 240, 320, "query.jpg"), 640, 480, 0.5, 0, 0);
    private static readonly Pose QueryWorldToCamera = new(Rotation3.FromRotationVector(new[] { 0.1, -0.2, 0.05 }), new[] { 0.3, -0.1, 1.0 });
    private static readonly Pose ReferenceCameraToWorld = new(Rotation3.FromRotationVector(new[] { 0.05, 0.3, -0.1 }), new[] { 1.0, 2.0, 3.0 });
    private static readonly DirectRegressionSettings Settings = new();

    [Fact]
    public void ExactPointmapRecoversTheQueryPoseToAMicrometreAndUsesTheWholeStrideGrid()
    {
        var result = DirectRegressionLocalizer.Localize(Prediction(), ReferenceCameraToWorld, Query, QueryK, Settings);

        result.Correspondences.Should().Be(80 * 60, "stride 4 on 320×240");
        result.Estimate.Inliers.Should().HaveCount(80 * 60);
        var (t, r) = VislocEvaluator.QueryErrors(result.Estimate.Pose, QueryWorldToCamera);
        t.Should().BeLessThan(1e-6);
        r.Should().BeLessThan(1e-5);
    }

    [Fact]
    public void RegressedPixelsAreInOriginalResolutionAndPointsInTheWorld()
    {
        var c = DirectRegressionLocalizer.Regress(Prediction(), ReferenceCameraToWorld, Query, Settings);

        // First grid pixel: network (2, 2) → original (2 + 0.5)/0.5 − 0.5 = 4.5.
        c.Pixels[0].Should().Be(4.5);
        c.Pixels[1].Should().Be(4.5);
        var camera = QueryWorldToCamera.Apply(new[] { c.Points[0], c.Points[1], c.Points[2] });
        (QueryK.Fx * camera[0] / camera[2] + QueryK.Cx).Should().BeApproximately(4.5, 1e-4);
        (QueryK.Fy * camera[1] / camera[2] + QueryK.Cy).Should().BeApproximately(4.5, 1e-4);
    }

    [Fact]
    public void DisplacedPointsAreRejectedAsOutliersAndThePoseStaysExact()
    {
        // Every third grid pixel regresses a point displaced by about 1.3 m (≥ 100 px off at 3–6 m depth).
        var prediction = Prediction((x, y) => (x / 4 + y / 4) % 3 == 0 ? new[] { 1.0, -0.5, 0.7 } : null);

        var result = DirectRegressionLocalizer.Localize(prediction, ReferenceCameraToWorld, Query, QueryK, Settings);

        int outliers = Enumerable.Range(0, 60).Sum(gy => Enumerable.Range(0, 80).Count(gx => (gx + gy) % 3 == 0));
        result.Correspondences.Should().Be(80 * 60);
        result.Estimate.Inliers.Should().HaveCount(80 * 60 - outliers);
        var (t, r) = VislocEvaluator.QueryErrors(result.Estimate.Pose, QueryWorldToCamera);
        t.Should().BeLessThan(1e-6);
        r.Should().BeLessThan(1e-5);
    }

    [Fact]
    public void PixelsBelowTheConfidenceThresholdOrWithoutFinitePointsAreSkipped()
    {
        var prediction = Prediction(confidence: (x, y) => x < 160 ? 1.2f : 3f);
        prediction.View2.Pts3d[3 * (2 * 320 + 162)] = float.NaN; // grid pixel (162, 2)

        var c = DirectRegressionLocalizer.Regress(prediction, ReferenceCameraToWorld, Query, Settings);

        c.Count.Should().Be(40 * 60 - 1);
        Enumerable.Range(0, c.Count).Should().OnlyContain(i => c.Pixels[2 * i] > 2 * 160 - 1);
    }

    [Fact]
    public void NoConfidentPixelIsAReportedFailureNotAnException()
    {
        var prediction = Prediction(confidence: (_, _) => 1.0f);

        var result = DirectRegressionLocalizer.Localize(prediction, ReferenceCameraToWorld, Query, QueryK, Settings);

        result.Correspondences.Should().Be(0);
        result.Estimate.Success.Should().BeFalse();
        result.Estimate.Failure.Should().Contain("no query pixel has a confident");
    }

    [Fact]
    public void AQueryThatIsNotViewTwoIsRejectedWithTheSizes()
    {
        var small = new NetworkImage(new PreprocessedImage(new byte[160 * 120 * 3], 120, 160, "other.jpg"), 640, 480, 0.25, 0, 0);

        var act = () => DirectRegressionLocalizer.Regress(Prediction(), ReferenceCameraToWorld, small, Settings);

        act.Should().Throw<ArgumentException>().WithMessage("*320×240*160×120*is the query view 2*");
    }

    // View 2 = the query's pointmap in the reference frame; optional per-pixel displacement (outliers) and confidence.
    private static PairPrediction Prediction(Func<int, int, double[]?>? displacement = null, Func<int, int, float>? confidence = null)
    {
        int w = Query.Image.Width, h = Query.Image.Height;
        var pts = new float[w * h * 3];
        var conf = new float[w * h];
        var worldToReference = ReferenceCameraToWorld.Inverse();
        var cameraToWorld = QueryWorldToCamera.Inverse();
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                var (ox, oy) = Query.ToOriginal(x, y);
                double z = 4 + Math.Sin(0.05 * x) + 0.8 * Math.Cos(0.07 * y);
                var world = cameraToWorld.Apply(new[] { z * (ox - QueryK.Cx) / QueryK.Fx, z * (oy - QueryK.Cy) / QueryK.Fy, z });
                if (displacement?.Invoke(x, y) is { } d) world = new[] { world[0] + d[0], world[1] + d[1], world[2] + d[2] };
                var p = worldToReference.Apply(world);
                int i = y * w + x;
                pts[3 * i] = (float)p[0]; pts[3 * i + 1] = (float)p[1]; pts[3 * i + 2] = (float)p[2];
                conf[i] = confidence?.Invoke(x, y) ?? 10f;
            }
        var view2 = new ViewPrediction(h, w, pts, conf, new float[w * h], new float[w * h], 1);
        var view1 = new ViewPrediction(h, w, new float[w * h * 3], new float[w * h], new float[w * h], new float[w * h], 1);
        return new PairPrediction(view1, view2);
    }
}
