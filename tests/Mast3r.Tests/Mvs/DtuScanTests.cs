using FluentAssertions;
using Mast3r.Geometry;
using Mast3r.IO;
using Mast3r.Metrics.Dtu;
using Mast3r.Mvs;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Mvs;

[Trait("Category", "Unit")]
public class DtuScanTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(-2.5)] // P is homogeneous: a negative scale must not flip the camera
    public void Projection_matrix_decomposes_into_the_camera_and_pose_it_was_built_from(double lambda)
    {
        var r = Rotation3.FromAxisAngle([0.3, -0.8, 0.5], 0.7);
        var t = new[] { 12.0, -40.0, 610.0 };
        var k = new double[,] { { 2890, 0, 823.2 }, { 0, 2888, 619.1 }, { 0, 0, 1 } };
        var p = new double[3, 4];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
                for (int m = 0; m < 3; m++)
                    p[i, j] += lambda * k[i, m] * (j < 3 ? r[m, j] : t[m]);
        var (cam, pose) = DtuScan.Decompose(p, "test");
        cam.Fx.Should().BeApproximately(2890, 1e-6);
        cam.Fy.Should().BeApproximately(2888, 1e-6);
        cam.Cx.Should().BeApproximately(823.2, 1e-6);
        cam.Cy.Should().BeApproximately(619.1, 1e-6);
        Rotation3.AngleBetween(r, pose.Rotation).Should().BeLessThan(1e-9);
        pose.Translation.Zip(t, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-6);
    }

    [Fact]
    public void Malformed_projection_file_names_file_and_line()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "pos_001.txt");
        File.WriteAllLines(path, new[] { "1 2 3 4", "5 x 7 8", "9 10 11 12" });
        var act = () => DtuScan.ReadProjection(path);
        act.Should().Throw<InvalidDataException>().WithMessage($"{path}:2: 'x'*");
    }

    [Fact]
    public void Mat_writer_output_reads_back_as_a_dtu_observation_mask_and_plane()
    {
        string dir = TestPaths.NewTempDir();
        var voxels = new byte[3 * 4 * 5];
        voxels[1 + 3 * (2 + 4 * 3)] = 1; // (1, 2, 3), column-major
        MatV5Writer.Write(Path.Combine(dir, "ObsMask1_10.mat"), new[]
        {
            new MatV5Writer.Variable("ObsMask", new[] { 3, 4, 5 }, voxels, Logical: true),
            new MatV5Writer.Variable("BB", new[] { 2, 3 }, new[] { 0.0, 2.0, 10.0, 13.0, -5.0, -1.0 }),
            new MatV5Writer.Variable("Res", new[] { 1, 1 }, new[] { 1.0 }),
        });
        MatV5Writer.Write(Path.Combine(dir, "Plane1.mat"), new[] { new MatV5Writer.Variable("P", new[] { 4, 1 }, new[] { 0.0, 0, 1, 2 }) });
        var mask = DtuObservationMask.Load(Path.Combine(dir, "ObsMask1_10.mat"));
        mask.Dimensions.Should().Equal(3, 4, 5);
        mask.BoxMin.Should().Equal(0, 10, -5);
        mask.BoxMax.Should().Equal(2, 13, -1);
        mask.Contains(1, 12, -2, DtuProtocol.Matlab).Should().BeTrue();
        mask.Contains(0, 12, -2, DtuProtocol.Matlab).Should().BeFalse();
        DtuFiles.LoadPlane(Path.Combine(dir, "Plane1.mat")).Should().Equal(0, 0, 1, 2);
    }
}
