using FluentAssertions;
using Mast3r.Geometry;
using Mast3r.Metrics;
using Mast3r.Tests.Geometry;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Metrics;

[Trait("Category", "Unit")]
public class PoseTextFileTests
{
    private static string Write(params string[] lines)
    {
        string path = Path.Combine(TestPaths.NewTempDir("posefile"), "poses.txt");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Export_line_holds_the_inverted_camera_to_world_pose_and_reads_back_to_1e_12()
    {
        var rng = new Random(60);
        for (int i = 0; i < 50; i++)
        {
            var rc2w = SyntheticScene.RandomRotation(rng);
            double[] c = [rng.NextDouble() * 200 - 100, rng.NextDouble() * 20, rng.NextDouble() * 200 - 100];
            var c2w = new Pose(rc2w, c);
            string line = PoseTextFile.FormatExportLine("IMG_0001.jpg", c2w);

            var back = PoseTextFile.ReadNamed(Write(line)).Single();
            var rw2c = Rotation3.Transpose(rc2w);
            var expectedT = Rotation3.Apply(rw2c, c).Select(v => -v).ToArray();

            back.Keys.Should().Equal("IMG_0001.jpg");
            Rotation3.AngleBetween(back.Pose.Rotation, rw2c).Should().BeLessThan(1e-12);
            back.Pose.Translation.Zip(expectedT, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-12 * 200);
            var q = back.Pose.ToQuaternion();
            var qExpected = new Pose(rw2c, expectedT).ToQuaternion();
            (Math.Abs(q.W * qExpected.W + q.X * qExpected.X + q.Y * qExpected.Y + q.Z * qExpected.Z) - 1).Should().BeApproximately(0, 1e-12, "q or −q");
        }
    }

    [Fact]
    public void A_failed_query_is_exported_as_the_identity()
    {
        PoseTextFile.FormatExportLine("IMG_0731.JPG", null).Should().Be("IMG_0731.JPG 1 0 0 0 0 0 0");
    }

    [Fact]
    public void Comments_and_blank_lines_are_skipped_and_quaternions_normalised()
    {
        var entries = PoseTextFile.ReadNamed(Write("# header", "", "a 2 0 0 0 1 2 3", "  b 0 0 0 1 0 0 0  "));
        entries.Select(e => e.Keys[0]).Should().Equal("a", "b");
        entries[0].Line.Should().Be(3);
        Rotation3.AngleOf(entries[0].Pose.Rotation).Should().Be(0);
        entries[0].Pose.Translation.Should().Equal(1, 2, 3);
    }

    [Theory]
    [InlineData("a 1 0 0 0 0 0", "*:2: expected 8 fields*found 7*")]
    [InlineData("a 1 0 0 zero 0 0 0", "*:2: field 5 ('zero') is not a number*")]
    [InlineData("a 1 0 0 0 NaN 0 0", "*:2: field 6*not finite*")]
    [InlineData("a 0 0 0 0 1 1 1", "*:2: the quaternion is zero*")]
    [InlineData("first 1 0 0 0 0 0 0", "*:2: 'first' already appears on line 1*")]
    public void Malformed_lines_are_reported_with_file_and_line(string secondLine, string pattern)
    {
        string path = Write("first 1 0 0 0 0 0 0", secondLine);
        var act = () => PoseTextFile.ReadNamed(path);
        act.Should().Throw<InvalidDataException>().WithMessage(pattern).And.Message.Should().StartWith(path);
    }

    [Fact]
    public void Sequence_files_need_nine_fields_and_unique_sequence_frame_pairs()
    {
        var ok = PoseTextFile.ReadSequenceFrames(Write("apple/1 f0 1 0 0 0 0 0 0", "apple/2 f0 1 0 0 0 0 0 0"));
        ok.Should().HaveCount(2);
        var dup = () => PoseTextFile.ReadSequenceFrames(Write("apple/1 f0 1 0 0 0 0 0 0", "apple/1 f0 1 0 0 0 1 0 0"));
        dup.Should().Throw<InvalidDataException>().WithMessage("*:2: 'apple/1 f0' already appears on line 1*");
        var eight = () => PoseTextFile.ReadSequenceFrames(Write("apple/1 1 0 0 0 0 0 0"));
        eight.Should().Throw<InvalidDataException>().WithMessage("*:1: expected 9 fields*");
    }
}
