using System.IO.Compression;
using System.Text.Json;
using FluentAssertions;
using Mast3r.IO;
using Mast3r.Tests.TestSupport;
using Mast3r.Training.Data.Co3d;
using OpenCvSharp;
using Xunit;

namespace Mast3r.Tests.Training;

/// <summary>
/// protocols.md §6.1–6.3 end to end on a tiny synthetic CO3Dv2 category written to disk: set lists, gzipped
/// annotations, JPEG/float16-depth/mask inputs → selection, official output layout, npz keys and values (§6.4 frame).
/// </summary>
[Trait("Category", "Unit")]
public sealed class Co3dCategoryPreprocessingTests
{
    // seqA frames use the §6.4 camera (1000×800, f = 2, p = (0.1, −0.05), R = I, T = (1, 2, 3)); seqB is small.
    private static readonly (string Seq, int Frame, int H, int W)[] Frames =
    {
        ("seqA", 1, 1000, 800), ("seqA", 2, 1000, 800), ("seqA", 7, 1000, 800), ("seqB", 3, 60, 80), ("seqB", 5, 60, 80),
    };

    internal static string Rel(string seq, int frame, string kind, string ext) => $"apple/{seq}/{kind}/frame{frame:D6}{ext}";

    /// <summary>Writes the synthetic raw category "apple" (seqA, seqB, low-quality seqC) and returns the CO3D root.</summary>
    internal static string BuildCategory()
    {
        string root = TestPaths.NewTempDir("co3d-raw");
        string cat = Path.Combine(root, "apple");
        Directory.CreateDirectory(Path.Combine(cat, "set_lists"));
        object Entry(string s, int f) => new object[] { s, f, Rel(s, f, "images", ".jpg") };
        // Set-list order deliberately differs from sorted order; seqC fails the strict quality threshold (0.5 > 0.5 is false)
        // and has no image files, so processing it would throw.
        File.WriteAllText(Path.Combine(cat, "set_lists", "set_lists_fewview_train.json"), JsonSerializer.Serialize(new Dictionary<string, object[]>
        {
            ["train"] = new[] { Entry("seqB", 5), Entry("seqA", 1), Entry("seqC", 1), Entry("seqB", 3), Entry("seqA", 2) },
            ["test"] = new[] { Entry("seqA", 7) },
        }));
        // Not a fewview_train list: must be ignored.
        File.WriteAllText(Path.Combine(cat, "set_lists", "set_lists_manyview_dev_0.json"), JsonSerializer.Serialize(new Dictionary<string, object[]>
        {
            ["train"] = new[] { Entry("seqD", 1) }, ["test"] = Array.Empty<object>(),
        }));
        WriteGzipJson(Path.Combine(cat, "sequence_annotations.jgz"), new[]
        {
            new { sequence_name = "seqA", viewpoint_quality_score = 0.9 }, new { sequence_name = "seqB", viewpoint_quality_score = 0.8 },
            new { sequence_name = "seqC", viewpoint_quality_score = 0.5 }, new { sequence_name = "seqD", viewpoint_quality_score = 0.9 },
        });
        var annotations = new List<object>();
        foreach (var (seq, frame, h, w) in Frames)
        {
            annotations.Add(new
            {
                sequence_name = seq, frame_number = frame,
                image = new { path = Rel(seq, frame, "images", ".jpg"), size = new[] { h, w } },
                depth = new { path = Rel(seq, frame, "depths", ".jpg.geometric.png"), scale_adjustment = 1.0 },
                viewpoint = new
                {
                    R = new[] { new[] { 1.0, 0, 0 }, new[] { 0, 1.0, 0 }, new[] { 0, 0, 1.0 } }, T = new[] { 1.0, 2, 3 },
                    focal_length = new[] { 2.0, 2.0 }, principal_point = seq == "seqA" ? new[] { 0.1, -0.05 } : new[] { 0.0, 0.0 },
                },
            });
            WriteInputs(root, seq, frame, h, w);
        }
        WriteGzipJson(Path.Combine(cat, "frame_annotations.jgz"), annotations);
        return root;
    }

    // Image: constant colour; depth: 1 + row/1024 (exact in float16) stored as float16 bit patterns; mask: left half on.
    private static void WriteInputs(string root, string seq, int frame, int h, int w)
    {
        string P(string kind, string ext) { var p = Path.Combine(root, Rel(seq, frame, kind, ext)); Directory.CreateDirectory(Path.GetDirectoryName(p)!); return p; }
        using (var img = new Mat(h, w, MatType.CV_8UC3, new Scalar(50, 100, 200))) Cv2.ImWrite(P("images", ".jpg"), img);
        var words = new ushort[h * w];
        var mask = new byte[h * w];
        for (int i = 0; i < h * w; i++)
        {
            words[i] = BitConverter.HalfToUInt16Bits((Half)(1f + i / w / 1024f));
            mask[i] = (byte)(i % w < w / 2 ? 255 : 0);
        }
        using (var d = Mat.FromPixelData(h, w, MatType.CV_16UC1, words)) Cv2.ImWrite(P("depths", ".jpg.geometric.png"), d);
        using (var m = Mat.FromPixelData(h, w, MatType.CV_8UC1, mask)) Cv2.ImWrite(P("masks", ".png"), m);
    }

    private static void WriteGzipJson<T>(string path, T value)
    {
        using var f = File.Create(path);
        using var gz = new GZipStream(f, CompressionLevel.Fastest);
        JsonSerializer.Serialize(gz, value);
    }

    private static Dictionary<string, NpyArray> ReadNpz(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            ms.Position = 0;
            return NpyArray.Read(ms);
        });
    }

    [Fact]
    public void Train_split_selects_quality_sequences_in_sorted_order_with_frames_in_set_list_order()
    {
        string raw = BuildCategory(), outDir = TestPaths.NewTempDir("co3d-out");
        var progress = new List<Co3dProgress>();
        var all = Co3dPreprocessor.Run(new Co3dPreprocessOptions { Co3dDir = raw, OutputDir = outDir, Splits = new[] { "train" } }, progress.Add);

        var apple = all["train"]["apple"];
        apple.Keys.Should().Equal("seqA", "seqB");
        apple["seqA"].Should().Equal(1, 2);
        apple["seqB"].Should().Equal(5, 3);
        progress.Select(p => p.FilePath).Should().Equal(Rel("seqB", 5, "images", ".jpg"), Rel("seqA", 1, "images", ".jpg"),
            Rel("seqB", 3, "images", ".jpg"), Rel("seqA", 2, "images", ".jpg"));

        using var perCat = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "apple", "selected_seqs_train.json")));
        perCat.RootElement.GetProperty("seqB").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(5, 3);
        using var global = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "selected_seqs_train.json")));
        global.RootElement.GetProperty("apple").GetProperty("seqA").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(1, 2);

        foreach (var (seq, frame) in new[] { ("seqA", 1), ("seqA", 2), ("seqB", 3), ("seqB", 5) })
            foreach (var rel in new[] { Rel(seq, frame, "images", ".jpg"), Rel(seq, frame, "images", ".npz"), Rel(seq, frame, "masks", ".png"), Rel(seq, frame, "depths", ".jpg.geometric.png") })
                File.Exists(Path.Combine(outDir, rel)).Should().BeTrue(rel);
        Directory.Exists(Path.Combine(outDir, "apple", "seqC")).Should().BeFalse("seqC's quality 0.5 is not > 0.5");
        Directory.Exists(Path.Combine(outDir, "apple", "seqD")).Should().BeFalse("manyview_dev lists are not read");
        File.Exists(Path.Combine(outDir, Rel("seqA", 7, "images", ".jpg"))).Should().BeFalse("frame 7 is in the test split only");
    }

    [Fact]
    public void Outputs_of_the_section_6_4_frame_have_the_documented_size_npz_values_and_encodings()
    {
        string raw = BuildCategory(), outDir = TestPaths.NewTempDir("co3d-out");
        Co3dPreprocessor.Run(new Co3dPreprocessOptions { Co3dDir = raw, OutputDir = outDir, Splits = new[] { "test" } });

        var npz = ReadNpz(Path.Combine(outDir, Rel("seqA", 7, "images", ".npz")));
        npz.Keys.Should().Equal("camera_intrinsics.npy", "camera_pose.npy", "maximum_depth.npy");
        var k = npz["camera_intrinsics.npy"];
        (k.DType, k.Shape).Should().BeEquivalentTo(("<f8", new long[] { 3, 3 }));
        var kv = k.ToDoubles();
        kv[0].Should().BeApproximately(454.4444524, 1e-6);
        kv[4].Should().BeApproximately(454.4444524, 1e-6);
        kv[2].Should().BeApproximately(204.2840278, 1e-6);
        kv[5].Should().BeApproximately(272.2840278, 1e-6);
        var pose = npz["camera_pose.npy"];
        pose.DType.Should().Be("<f4");
        pose.ToFloats().Should().Equal(-1, 0, 0, -1, 0, -1, 0, -2, 0, 0, 1, -3, 0, 0, 0, 1);
        // Nearest resize: output row 544 reads frame row 40 + floor(544·960/545) = 998.
        float max = npz["maximum_depth.npy"].ToFloats().Single();
        npz["maximum_depth.npy"].Shape.Should().BeEmpty();
        max.Should().Be(1f + 998 / 1024f);

        using var img = Cv2.ImRead(Path.Combine(outDir, Rel("seqA", 7, "images", ".jpg")), ImreadModes.Color);
        (img.Width, img.Height).Should().Be((409, 545));
        var bgr = img.At<Vec3b>(272, 204);
        ((int)bgr.Item0).Should().BeCloseTo(50, 3, "a constant colour survives LANCZOS and JPEG quality 75");
        ((int)bgr.Item1).Should().BeCloseTo(100, 3);
        ((int)bgr.Item2).Should().BeCloseTo(200, 3);

        using var depth = Cv2.ImRead(Path.Combine(outDir, Rel("seqA", 7, "depths", ".jpg.geometric.png")), ImreadModes.Unchanged);
        depth.Type().Should().Be(MatType.CV_16UC1);
        depth.At<ushort>(544, 0).Should().Be(65535);
        depth.At<ushort>(0, 0).Should().Be((ushort)((1f + 40 / 1024f) / max * 65535f), "row 0 is frame row 40, truncated in float32");

        using var mask = Cv2.ImRead(Path.Combine(outDir, Rel("seqA", 7, "masks", ".png")), ImreadModes.Unchanged);
        mask.Type().Should().Be(MatType.CV_8UC1);
        (mask.At<byte>(100, 0), mask.At<byte>(100, 408)).Should().Be(((byte)255, (byte)0));
    }

    [Fact]
    public void Official_selected_seqs_file_restricts_the_sequences_and_is_checked()
    {
        string raw = BuildCategory(), outDir = TestPaths.NewTempDir("co3d-out");
        string sel = Path.Combine(TestPaths.NewTempDir("co3d-sel"), "selected_seqs_train.json");
        File.WriteAllText(sel, """{"apple": {"seqB": [5, 3]}}""");
        var all = Co3dPreprocessor.Run(new Co3dPreprocessOptions { Co3dDir = raw, OutputDir = outDir, Splits = new[] { "train" }, SelectedSeqsFile = sel });
        all["train"]["apple"].Keys.Should().Equal("seqB");
        Directory.Exists(Path.Combine(outDir, "apple", "seqA")).Should().BeFalse();

        File.WriteAllText(sel, """{"apple": {"seqC": [1]}}""");
        var act = () => Co3dPreprocessor.Run(new Co3dPreprocessOptions { Co3dDir = raw, OutputDir = TestPaths.NewTempDir("co3d-out"), Splits = new[] { "train" }, SelectedSeqsFile = sel });
        act.Should().Throw<InvalidDataException>().WithMessage("*seqC*");
    }

    [Fact]
    public void More_qualifying_sequences_than_kept_without_a_selection_file_is_a_clear_error()
    {
        string raw = BuildCategory();
        var act = () => Co3dPreprocessor.Run(new Co3dPreprocessOptions { Co3dDir = raw, OutputDir = TestPaths.NewTempDir("co3d-out"), Splits = new[] { "train" }, NumSequencesPerObject = 1 });
        act.Should().Throw<InvalidOperationException>().WithMessage("*apple*random.sample*--selected-seqs*");
    }

    [Fact]
    public void Missing_input_image_names_the_file_and_the_frame()
    {
        string raw = BuildCategory();
        File.Delete(Path.Combine(raw, Rel("seqB", 3, "images", ".jpg")));
        var act = () => Co3dPreprocessor.Run(new Co3dPreprocessOptions { Co3dDir = raw, OutputDir = TestPaths.NewTempDir("co3d-out"), Splits = new[] { "train" } });
        act.Should().Throw<InvalidDataException>().WithMessage("*seqB, frame 3*frame000003.jpg*not found*");
    }
}
