using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Mast3r.Geometry;

namespace Mast3r.Datasets.Synthetic;

/// <summary>
/// CO3Dv2-like and RealEstate10K-like layouts of the synthetic room for the relative-pose experiment: the files and
/// formats <see cref="Alignment.Co3dSequenceReader"/> and <see cref="Alignment.Re10kSequenceReader"/> read, with exact
/// poses. CO3D: two categories × two object-centric sequences of five views circling a pillar, plus one low-quality
/// sequence and one non-test frame that the reader's filters must drop. RE10K: two forward trajectories and one id
/// whose video is "offline" (no frames).
/// </summary>
internal static class SyntheticPoseLayouts
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private static readonly double[] Pillar = { -2.0, -0.8, -0.5 };

    /// <summary>Landscape 256×192, f = 200 px: the finer grid keeps the two-view rotation/translation ambiguity of
    /// pixel-rounded oracle matches well below a degree (as the map-free portrait rig does).</summary>
    public static CameraIntrinsics Camera { get; } = new(256, 192, 200, 200, 127.5, 95.5);
    public const int ViewsPerSequence = 5;

    public static void WriteCo3d(string root)
    {
        var scene = new SyntheticScene();
        var manifest = new SyntheticManifest(root);
        var k = Camera;
        int seed = 0;
        foreach (string category in new[] { "apple", "teddybear" })
        {
            var frames = new List<object>();
            var sequences = new List<object>();
            var testList = new List<object[]>();
            for (int s = 0; s < 2; s++, seed++)
            {
                string seq = $"{100 + seed}_{2000 + seed}_{30000 + seed}";
                sequences.Add(new { sequence_name = seq, category, viewpoint_quality_score = 0.9 });
                // Above the pillar, looking down at it and the floor around it: two non-coplanar structures in every view
                // (a view filled by one wall is a planar scene, where the essential matrix is ambiguous).
                double a0 = 0.9 * seed + 0.4, height = 0.6 + 0.3 * s;
                for (int v = 0; v < ViewsPerSequence; v++)
                {
                    double a = a0 + v * 0.2; // ~11° steps around the pillar
                    var c = new[] { Pillar[0] + 2.0 * Math.Cos(a), height, Pillar[2] + 2.0 * Math.Sin(a) };
                    var cam = new SyntheticCamera(k, SyntheticScene.LookAt(c, Pillar));
                    string image = $"{category}/{seq}/images/frame{v + 1:D6}.jpg", mask = $"{category}/{seq}/masks/frame{v + 1:D6}.png";
                    var render = cam.Render(scene);
                    render.Save(Path.Combine(root, image));
                    manifest.Register(image, cam);
                    WriteMask(Path.Combine(root, mask), render);
                    frames.Add(Frame(seq, v + 1, image, mask, cam));
                    testList.Add(new object[] { seq, v + 1, image });
                }
                // A frame outside the test subset: listed in the annotations, never evaluated.
                frames.Add(Frame(seq, ViewsPerSequence + 1, $"{category}/{seq}/images/frame{ViewsPerSequence + 1:D6}.jpg",
                    $"{category}/{seq}/masks/frame{ViewsPerSequence + 1:D6}.png", new SyntheticCamera(k, SyntheticScene.LookAt(new[] { 0.0, 0, 3 }, Pillar))));
            }
            // viewpoint_quality_score ≤ 0.5: the reader drops it before touching its (absent) images.
            string low = $"999_{seed}_lowquality";
            sequences.Add(new { sequence_name = low, category, viewpoint_quality_score = 0.3 });
            for (int v = 1; v <= 3; v++)
            {
                frames.Add(Frame(low, v, $"{category}/{low}/images/frame{v:D6}.jpg", $"{category}/{low}/masks/frame{v:D6}.png",
                    new SyntheticCamera(k, SyntheticScene.LookAt(new[] { 0.5 * v, 0, 3 }, Pillar))));
                testList.Add(new object[] { low, v, $"{category}/{low}/images/frame{v:D6}.jpg" });
            }
            WriteJson(Path.Combine(root, category, "frame_annotations.jgz"), frames, gzip: true);
            WriteJson(Path.Combine(root, category, "sequence_annotations.jgz"), sequences, gzip: true);
            WriteJson(Path.Combine(root, category, "set_lists", "set_lists_fewview_dev.json"),
                new Dictionary<string, object> { ["train"] = Array.Empty<object>(), ["test"] = testList }, gzip: false);
        }
        manifest.Save();
    }

    public static void WriteRe10k(string root)
    {
        var scene = new SyntheticScene();
        var manifest = new SyntheticManifest(root);
        var k = Camera;
        var ids = new List<string>();
        for (int clip = 0; clip < 2; clip++)
        {
            string id = $"{0x1a2b3c4d5e6f0000UL + (ulong)clip:x16}";
            ids.Add(id);
            // Walking towards a room corner past the pillars: walls, floor and boxes at several depths in every frame.
            double sign = clip == 0 ? 1 : -1;
            var traj = Enumerable.Range(0, ViewsPerSequence).Select(i => new SyntheticCamera(k, SyntheticScene.LookAt(
                new[] { 3.0 - 0.35 * i, 0.6 - 0.05 * i, sign * (3.0 - 0.2 * i) }, new[] { -4.0 + 0.3 * i, -1.2, sign * (-4.0 + 0.2 * i) }))).ToList();
            var lines = new List<string> { $"https://www.youtube.com/watch?v=synthetic{clip}" };
            for (int i = 0; i < traj.Count; i++)
            {
                long timestamp = 1_000_000L * (clip + 1) + 33_367L * i;
                string image = $"test/{id}/{timestamp}.png";
                manifest.AddImage(scene, image, traj[i]);
                var p = traj[i].WorldToCamera;
                var nums = new List<double> { k.Fx / k.Width, k.Fy / k.Height, (k.Cx + 0.5) / k.Width, (k.Cy + 0.5) / k.Height, 0, 0 };
                for (int r = 0; r < 3; r++) nums.AddRange(new[] { p.Rotation[r, 0], p.Rotation[r, 1], p.Rotation[r, 2], p.Translation[r] });
                lines.Add(timestamp.ToString(Ci) + " " + string.Join(' ', nums.Select(x => x.ToString("R", Ci))));
            }
            File.WriteAllLines(Path.Combine(root, "test", id + ".txt"), lines);
        }
        ids.Add("00000000deadbeef"); // an offline video: listed, no camera file, no frames
        File.WriteAllLines(Path.Combine(root, "re10k_test_1800.txt"), ids);
        manifest.Save();
    }

    // CO3D viewpoint in pytorch3d convention (inverse of Pytorch3dCamera.ToOpenCv) and NDC intrinsics.
    private static object Frame(string seq, int number, string image, string mask, SyntheticCamera cam)
    {
        var r = cam.WorldToCamera.Rotation;
        var t = cam.WorldToCamera.Translation;
        var rp = new double[3][];
        for (int i = 0; i < 3; i++) rp[i] = new[] { -r[0, i], -r[1, i], r[2, i] };
        var k = cam.Intrinsics;
        double s = Math.Min(k.Width, k.Height) / 2.0;
        return new
        {
            sequence_name = seq, frame_number = number, frame_timestamp = number / 30.0,
            image = new { path = image, size = new[] { k.Height, k.Width } },
            mask = new { path = mask },
            viewpoint = new
            {
                R = rp, T = new[] { -t[0], -t[1], t[2] },
                focal_length = new[] { k.Fx / s, k.Fy / s }, principal_point = new[] { (k.Width / 2.0 - k.Cx) / s, (k.Height / 2.0 - k.Cy) / s },
                intrinsics_format = "ndc_isotropic",
            },
        };
    }

    private static void WriteMask(string path, SyntheticRender render)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = render.Depth.Select(d => float.IsFinite(d) ? (byte)255 : (byte)0).ToArray();
        using var mat = OpenCvSharp.Mat.FromPixelData(render.Height, render.Width, OpenCvSharp.MatType.CV_8UC1, bytes);
        if (!OpenCvSharp.Cv2.ImWrite(path, mat)) throw new IOException($"could not write {path}");
    }

    private static void WriteJson(string path, object value, bool gzip)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using Stream s = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        JsonSerializer.Serialize(s, value);
    }
}
