using System.IO.Compression;
using FluentAssertions;
using Mast3r.Metrics.MapFree;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Metrics.MapFree;

/// <summary>Readers of intrinsics.txt, poses.txt and pose_&lt;scene&gt;.txt: reference tokenisation and clear errors.</summary>
[Trait("Category", "Unit")]
public class MapFreeFilesTests
{
    private static readonly Action<string> Ignore = _ => { };

    [Theory]
    [InlineData("seq1/frame_00035.jpg", 35)]
    [InlineData("seq0/frame_00000.jpg", 0)]
    [InlineData("frame_12345.png", 12345)]
    [InlineData("x/frame_+0012.jpg", 12)]
    [InlineData("12345", 1)] // Python slice [-9:-4] of a short string
    public void Frame_key_follows_python_int_of_the_name_slice(string name, int expected) =>
        MapFreeFiles.FrameKey(name).Should().Be(expected);

    [Theory]
    [InlineData("seq1/frame_0a035.jpg")]
    [InlineData("a.jpg")]
    [InlineData("")]
    public void Frame_key_is_null_where_python_raises(string name) => MapFreeFiles.FrameKey(name).Should().BeNull();

    [Fact]
    public void Intrinsics_take_clipping_size_from_the_last_line_and_round_to_float32()
    {
        var (k, w, h) = MapFreeFiles.ReadIntrinsics("intrinsics.txt",
            ["# comment", "seq0/frame_00000.jpg 593.1234567 594.5 270.25 360.5 540 720", "", "seq1/frame_00005.jpg 590 591 271 361 541 721"]);
        k.Keys.Should().Equal(0, 5);
        k[0].Fx.Should().Be((float)593.1234567);
        (w, h).Should().Be((541.0, 721.0));
    }

    [Fact]
    public void Malformed_intrinsics_line_names_file_and_line()
    {
        var act = () => MapFreeFiles.ReadIntrinsics("scene/intrinsics.txt", ["seq0/frame_00000.jpg 1 2 3 4 5 6", "seq1/frame_00001.jpg 1 2 x 4 5 6"]);
        act.Should().Throw<InvalidDataException>().WithMessage("scene/intrinsics.txt:2: field 4 'x' is not a number");
    }

    [Fact]
    public void Pose_reader_skips_comments_blank_lines_and_value_rejects_but_fails_on_malformed_lines()
    {
        var warnings = new List<string>();
        var poses = MapFreeFiles.ReadPoses("pose_s.txt",
        [
            "# header",
            "",
            "seq1/frame_00000.jpg 1 0 0 0 1 2 3 0.5",
            "seq1/frame_00005.jpg nan 0 0 0 1 2 3 0.5",
            "seq1/frame_00010.jpg 0 0 0 0 1 2 3 0.5",
            "seq1/frame_00015.jpg 0.5 0.5 0.5 0.5 1 2 3 inf",
        ], withConfidence: true, lenient: false, warnings.Add);
        poses.Keys.Should().Equal(0);
        poses[0].Should().Be(new MapFreePose(1, 0, 0, 0, 1, 2, 3, 0.5));
        warnings.Should().HaveCount(3).And.OnlyContain(w => w.StartsWith("pose_s.txt:"));

        var wrongCount = () => MapFreeFiles.ReadPoses("pose_s.txt", ["seq1/frame_00000.jpg 1 0 0 0 1 2 3"], true, false, Ignore);
        wrongCount.Should().Throw<InvalidDataException>().WithMessage("pose_s.txt:1: expected 9 fields*found 8");
        var doubleSpace = () => MapFreeFiles.ReadPoses("p.txt", ["# a comment", "seq1/frame_00000.jpg 1 0 0 0 1 2  3 1"], true, false, Ignore);
        doubleSpace.Should().Throw<InvalidDataException>().WithMessage("p.txt:2: *single spaces*found 10");
        var badNumber = () => MapFreeFiles.ReadPoses("p.txt", ["seq1/frame_00000.jpg 1 0 0 0 1 2 3 high"], true, false, Ignore);
        badNumber.Should().Throw<InvalidDataException>().WithMessage("p.txt:1: field 9 'high' is not a number");
    }

    [Fact]
    public void Lenient_mode_skips_malformed_lines_like_the_reference()
    {
        var warnings = new List<string>();
        var poses = MapFreeFiles.ReadPoses("p.txt",
            ["seq1/frame_00000.jpg 1 0 0 0 1 2 3", "seq1/frame_00005.jpg 1 0 0 0 1 2 3 2", "bad/name.jpg 1 0 0 0 1 2 3 2"],
            withConfidence: true, lenient: true, warnings.Add);
        poses.Keys.Should().Equal(5);
        warnings.Should().HaveCount(2);
    }

    [Fact]
    public void Submission_is_read_from_a_folder_or_a_zip_and_missing_scenes_are_reported()
    {
        string dir = TestPaths.NewTempDir("mapfree-sub");
        File.WriteAllLines(Path.Combine(dir, "pose_s00460.txt"), ["seq1/frame_00000.jpg 1 0 0 0 0 0 0 1"]);
        File.WriteAllLines(Path.Combine(dir, "pose_s99999.txt"), ["seq1/frame_00000.jpg 1 0 0 0 0 0 0 1"]);
        var warnings = new List<string>();
        var fromDir = MapFreeFiles.LoadSubmission(dir, ["s00460", "s00461"], false, warnings.Add);
        fromDir.Keys.Should().BeEquivalentTo("s00460");
        warnings.Should().Contain(w => w.Contains("pose_s00461.txt")).And.Contain(w => w.Contains("1 scene(s) outside"));

        string zip = Path.Combine(TestPaths.NewTempDir("mapfree-zip"), "submission.zip");
        ZipFile.CreateFromDirectory(dir, zip);
        var fromZip = MapFreeFiles.LoadSubmission(zip, ["s00460"], false, Ignore);
        fromZip["s00460"].Should().ContainKey(0);
    }
}
