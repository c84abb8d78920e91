using System.Buffers.Binary;
using System.Text;
using FluentAssertions;
using Mast3r.IO;
using Xunit;

namespace Mast3r.Tests.IO;

[Trait("Category", "Unit")]
public class PlyTests
{
    private static readonly double[] Points = [0.1, -2.5, 3e5, 1.0 / 3, 7, -0.0, 1e-9, 2, 3];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Writer_output_reads_back_exactly(bool binary)
    {
        using var ms = new MemoryStream();
        PlyWriter.WriteVertices(ms, Points, binary);
        PlyReader.ReadVertices(ms.ToArray()).Should().Equal(Points);
    }

    [Fact]
    public void Reads_float_vertices_with_extra_properties_after_a_face_element()
    {
        string header = "ply\nformat binary_little_endian 1.0\ncomment made by hand\nelement face 1\nproperty list uchar int vertex_indices\n" +
                        "element vertex 2\nproperty float x\nproperty uchar red\nproperty float y\nproperty double z\nend_header\n";
        var ms = new MemoryStream();
        ms.Write(Encoding.ASCII.GetBytes(header));
        ms.WriteByte(3);
        foreach (int i in new[] { 0, 1, 0 }) ms.Write(BitConverter.GetBytes(i));
        foreach (var (x, y, z) in new[] { (1.5f, 2.5f, 3.25), (-1f, 0f, 1e10) })
        {
            ms.Write(BitConverter.GetBytes(x));
            ms.WriteByte(200);
            ms.Write(BitConverter.GetBytes(y));
            ms.Write(BitConverter.GetBytes(z));
        }
        PlyReader.ReadVertices(ms.ToArray()).Should().Equal(1.5, 2.5, 3.25, -1, 0, 1e10);
    }

    [Fact]
    public void Reads_ascii_with_extra_columns_and_big_endian()
    {
        string ascii = "ply\r\nformat ascii 1.0\r\nelement vertex 2\r\nproperty float x\r\nproperty float y\r\nproperty float z\r\nproperty uchar red\r\nend_header\r\n1 2 3 255\r\n4 5 6 0\r\n";
        PlyReader.ReadVertices(Encoding.ASCII.GetBytes(ascii)).Should().Equal(1, 2, 3, 4, 5, 6);

        var ms = new MemoryStream();
        ms.Write(Encoding.ASCII.GetBytes("ply\nformat binary_big_endian 1.0\nelement vertex 1\nproperty double x\nproperty double y\nproperty double z\nend_header\n"));
        var buf = new byte[8];
        foreach (double v in new[] { 1.25, -2, 8 }) { BinaryPrimitives.WriteDoubleBigEndian(buf, v); ms.Write(buf); }
        PlyReader.ReadVertices(ms.ToArray()).Should().Equal(1.25, -2, 8);
    }

    [Fact]
    public void Malformed_files_give_clear_errors()
    {
        ((Action)(() => PlyReader.ReadVertices(Encoding.ASCII.GetBytes("ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nend_header\n1\n"))))
            .Should().Throw<InvalidDataException>().WithMessage("*lacks scalar x, y and z*");
        ((Action)(() => PlyReader.ReadVertices(Encoding.ASCII.GetBytes("ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\nproperty float y\nproperty float z\nend_header\n1 2 3\n4 five 6\n"))))
            .Should().Throw<InvalidDataException>().WithMessage("line 9: 'five' is not a number");
        ((Action)(() => PlyReader.ReadVertices(Encoding.ASCII.GetBytes("ply\nformat ascii 1.0\nelement vertex 1\nproperty quad x\nend_header\n"))))
            .Should().Throw<InvalidDataException>().WithMessage("header line 4*");
        ((Action)(() => PlyReader.ReadVertices(Encoding.ASCII.GetBytes("PLY\n")))).Should().Throw<InvalidDataException>();
        using var ms = new MemoryStream();
        PlyWriter.WriteVertices(ms, Points, binary: true);
        ((Action)(() => PlyReader.ReadVertices(ms.ToArray()[..^5]))).Should().Throw<InvalidDataException>().WithMessage("*ends inside element 'vertex'*");
    }
}
