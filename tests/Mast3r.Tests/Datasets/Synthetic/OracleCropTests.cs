using FluentAssertions;
using Mast3r.Datasets.Synthetic;
using Mast3r.Images;
using Mast3r.Localization;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Datasets.Synthetic;

/// <summary>The ground-truth oracle follows <see cref="PreprocessedImage.PixelToSource"/> for crops and warped crops.</summary>
[Trait("Category", "Unit")]
public class OracleCropTests
{
    private static (GroundTruthOraclePredictor Oracle, string Path, SyntheticCamera Camera) Setup()
    {
        string root = TestPaths.NewTempDir();
        var manifest = new SyntheticManifest(root);
        var camera = SyntheticRig.Database(4, SyntheticRig.Landscape)[0];
        manifest.Register("img.png", camera);
        return (new GroundTruthOraclePredictor(manifest), Path.Combine(root, "img.png"), camera);
    }

    private static PreprocessedImage Image(string path, int w, int h, double[]? map) =>
        new(new byte[w * h * 3], h, w, path) { PixelToSource = map };

    [Fact]
    public void Translated_crop_gives_the_matching_block_of_the_full_image_prediction()
    {
        var (oracle, path, _) = Setup();
        var full = oracle.Predict([(Image(path, 192, 144, null), Image(path, 192, 144, null))])[0].View1;
        var crop = oracle.Predict([(Image(path, 64, 48, PixelMaps.Translation(40, 30)), Image(path, 192, 144, null))])[0].View1;

        crop.Width.Should().Be(64);
        for (int v = 0; v < 48; v++)
            for (int u = 0; u < 64; u++)
            {
                int c = v * 64 + u, f = (v + 30) * 192 + u + 40;
                crop.Pts3d.AsSpan(3 * c, 3).ToArray().Should().Equal(full.Pts3d.AsSpan(3 * f, 3).ToArray());
                crop.Desc.AsSpan(24 * c, 24).ToArray().Should().Equal(full.Desc.AsSpan(24 * f, 24).ToArray());
            }
    }

    [Fact]
    public void Homography_crop_points_project_onto_the_mapped_source_pixels()
    {
        var (oracle, path, camera) = Setup();
        var k = camera.Intrinsics;
        var h = new[] { 1.02, 0.03, 20.0, -0.02, 0.98, 10.0, 1e-4, -2e-4, 1.0 };
        var view = oracle.Predict([(Image(path, 96, 64, h), Image(path, 192, 144, null))])[0].View1;

        int hits = 0;
        for (int v = 0; v < 64; v += 3)
            for (int u = 0; u < 96; u += 3)
            {
                int i = v * 96 + u;
                if (view.Conf[i] == 0) continue;
                hits++;
                // View 1 is in its own camera frame: K·P/z is the source pixel the crop pixel shows.
                double x = view.Pts3d[3 * i], y = view.Pts3d[3 * i + 1], z = view.Pts3d[3 * i + 2];
                var (sx, sy) = PixelMaps.Apply(h, u, v);
                (k.Fx * x / z + k.Cx).Should().BeApproximately(sx, 1e-3);
                (k.Fy * y / z + k.Cy).Should().BeApproximately(sy, 1e-3);
            }
        hits.Should().BeGreaterThan(500);
    }

    [Fact]
    public void Visloc_view_pixels_are_ray_cast_from_the_CenterCrop_integer_offset_half_a_pixel_from_to_orig()
    {
        // A 143×144 crop of the 192×144 image resized to 64×64: float offset (192 − 143)/2 = 24.5 (upstream to_orig),
        // CenterCrop cut at round(24.5) = 24, so what a pixel shows lies 0.5 px left of where to_orig maps it.
        var (oracle, path, camera) = Setup();
        var k = camera.Intrinsics;
        var plan = new VislocResize(64, 64, 143, 144, 24.5, 0, 24, 0, false);
        var view = new VislocView(Image(path, 64, 64, plan.ContentToSource), 192, 144, plan);
        var pred = oracle.Predict([(view.Image, Image(path, 192, 144, null))])[0].View1;

        int hits = 0;
        for (int v = 0; v < 64; v += 2)
            for (int u = 0; u < 64; u += 2)
            {
                int i = v * 64 + u;
                if (pred.Conf[i] == 0) continue;
                hits++;
                double x = pred.Pts3d[3 * i], y = pred.Pts3d[3 * i + 1], z = pred.Pts3d[3 * i + 2];
                var (ox, oy) = view.ToOriginal(u, v);
                (k.Fx * x / z + k.Cx).Should().BeApproximately(ox - 0.5, 1e-3);
                (k.Fy * y / z + k.Cy).Should().BeApproximately(oy, 1e-3);
            }
        hits.Should().BeGreaterThan(500);
    }

    [Fact]
    public void Pixel_maps_compose_and_invert()
    {
        var h = new[] { 1.02, 0.03, 20.0, -0.02, 0.98, 10.0, 1e-4, -2e-4, 1.0 };
        var id = PixelMaps.Multiply(h, PixelMaps.Inverse(h));
        for (int i = 0; i < 9; i++) id[i].Should().BeApproximately(PixelMaps.Identity()[i], 1e-12);
        PixelMaps.Apply(PixelMaps.ResizeToSource(2, 2), 0, 0).Should().Be((0.5, 0.5), "pixel 0 of a half-size image covers source pixels 0 and 1");
        PixelMaps.Apply(PixelMaps.Multiply(PixelMaps.Translation(5, 7), PixelMaps.ResizeToSource(2, 2)), 1, 1).Should().Be((7.5, 9.5));
    }
}
