using Mast3r.Datasets;
using Mast3r.Images;
using Mast3r.Inference;

namespace Mast3r.Datasets.Synthetic;

/// <summary>
/// The "ground-truth oracle" that stands in for the network in the embedded synthetic suite: for an image written by
/// a synthetic generator it ray-casts the <see cref="SyntheticScene"/> at the network resolution and returns the
/// exact pointmaps (view 1 in its own camera frame, view 2 in view 1's frame, as MASt3R does) and exact descriptors
/// (<see cref="SyntheticScene.Descriptor"/>). Images without <see cref="PreprocessedImage.PixelToSource"/> are taken as
/// the long-side resize + centre crop of their source; crops carry their pixel map, which the ray-casting follows
/// (K⁻¹·H·[u, v, 1]). It is not a model: reports name it as such.
/// </summary>
internal sealed class GroundTruthOraclePredictor : IPairPredictor
{
    private const float HitConfidence = 10f;
    private readonly SyntheticScene _scene = new();
    private readonly SyntheticManifest _manifest;

    public GroundTruthOraclePredictor(SyntheticManifest manifest) => _manifest = manifest;

    public string Name => "ground-truth oracle (exact synthetic pointmaps and descriptors; not the MASt3R network)";

    public IReadOnlyList<PairPrediction> Predict(IReadOnlyList<(PreprocessedImage First, PreprocessedImage Second)> pairs)
    {
        var result = new List<PairPrediction>(pairs.Count);
        foreach (var (first, second) in pairs)
        {
            var c1 = Camera(first);
            result.Add(new PairPrediction(View(first, c1, c1), View(second, Camera(second), c1)));
        }
        return result;
    }

    // The camera of the image, the intrinsics its pixels are expressed in, and the map from its pixels to those.
    private (SyntheticCamera Cam, CameraIntrinsics K, double[]? Map) Camera(PreprocessedImage image)
    {
        var cam = _manifest.Find(image.Source)
                  ?? throw new InvalidOperationException($"the oracle knows no synthetic camera for '{image.Source}' (manifest {_manifest.Root})");
        var k = cam.Intrinsics;
        // A crop (or warped crop) says where its pixels come from in the source image: ray-cast through that map.
        if (image.PixelToSource is { } map) return (cam, k, map);
        // Undo the long-side resize + centre crop of the preprocessing to get the intrinsics at network resolution.
        double scale = Math.Max((double)image.Width / k.Width, (double)image.Height / k.Height);
        int left = (int)Math.Round((k.Width * scale - image.Width) / 2), top = (int)Math.Round((k.Height * scale - image.Height) / 2);
        return (cam, k.ScaledAndCropped(scale, left, top, image.Width, image.Height), null);
    }

    private ViewPrediction View(PreprocessedImage image, (SyntheticCamera Cam, CameraIntrinsics K, double[]? Map) view,
        (SyntheticCamera Cam, CameraIntrinsics K, double[]? Map) frame)
    {
        var render = view.Cam.Render(_scene, view.K, view.Map, image.Width, image.Height);
        int n = render.Width * render.Height, d = SyntheticScene.DescriptorDim;
        var pts = new float[n * 3];
        var conf = new float[n];
        var desc = new float[n * d];
        var descConf = new float[n];
        var pose = frame.Cam.WorldToCamera;
        var p = new double[3];
        for (int i = 0; i < n; i++)
        {
            p[0] = render.World[3 * i]; p[1] = render.World[3 * i + 1]; p[2] = render.World[3 * i + 2];
            if (double.IsNaN(p[0])) continue; // no surface: zero confidence, zero descriptor
            var q = pose.Apply(p);
            pts[3 * i] = (float)q[0]; pts[3 * i + 1] = (float)q[1]; pts[3 * i + 2] = (float)q[2];
            conf[i] = HitConfidence;
            descConf[i] = HitConfidence;
            SyntheticScene.Descriptor(p, desc.AsSpan(i * d, d));
        }
        return new ViewPrediction(image.Height, image.Width, pts, conf, desc, descConf, d);
    }
}
