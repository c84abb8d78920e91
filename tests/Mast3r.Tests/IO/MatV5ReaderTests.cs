using System.Text;
using FluentAssertions;
using Mast3r.IO;
using Xunit;
using B = Mast3r.Tests.IO.MatFileBuilder;

namespace Mast3r.Tests.IO;

[Trait("Category", "Unit")]
public class MatV5ReaderTests
{
    [Fact]
    public void Reads_uncompressed_double_matrix_in_column_major_order()
    {
        var file = new B().Add(B.Matrix("BB", B.ClassDouble, false, [2, 3], B.Element(B.MiDouble, B.Doubles(-1, 10, -2, 20, -3, 30)))).Build();
        var bb = MatV5Reader.Read(file)["BB"];
        bb.Class.Should().Be(MatClass.Double);
        bb.Dimensions.Should().Equal(2, 3);
        bb.ToDoubles().Should().Equal(-1, 10, -2, 20, -3, 30);
    }

    [Fact]
    public void Reads_compressed_three_dimensional_logical_array()
    {
        var voxels = Enumerable.Range(0, 3 * 4 * 2).Select(i => (byte)(i % 3 == 0 ? 1 : 0)).ToArray();
        var file = new B().Add(B.Compressed(B.Matrix("ObsMask", B.ClassUInt8, true, [3, 4, 2], B.Element(B.MiUInt8, voxels)))).Build();
        var mask = MatV5Reader.Read(file)["ObsMask"];
        mask.IsLogical.Should().BeTrue();
        mask.Dimensions.Should().Equal(3, 4, 2);
        mask.AsBytes().Should().Equal(voxels);
    }

    [Fact]
    public void Converts_narrow_storage_to_the_array_class_and_reads_small_elements()
    {
        // MATLAB stores a double array of small integers as miUINT8 / miINT32, possibly in small-element format.
        var file = new B()
            .Add(B.Matrix("Res", B.ClassDouble, false, [1, 1], B.Element(B.MiUInt8, [2], small: true)))
            .Add(B.Compressed(B.Matrix("v", B.ClassDouble, false, [1, 3], B.Element(B.MiInt32, B.Int32s(-5, 0, 70000)))))
            .Build();
        var vars = MatV5Reader.Read(file);
        vars["Res"][0].Should().Be(2.0);
        vars["Res"].Data.Should().BeOfType<double[]>();
        vars["v"].ToDoubles().Should().Equal(-5, 0, 70000);
    }

    [Fact]
    public void Reads_char_arrays_and_skips_structs_without_losing_later_variables()
    {
        var text = Encoding.Unicode.GetBytes("hello");
        var structBody = new[] { B.Element(B.MiInt32, B.Int32s(8), small: true), B.Element(B.MiInt8, Encoding.ASCII.GetBytes("field\0\0\0")),
            B.Matrix("", B.ClassDouble, false, [1, 1], B.Element(B.MiDouble, B.Doubles(1))) };
        var file = new B()
            .Add(B.Matrix("s", B.ClassStruct, false, [1, 1], structBody))
            .Add(B.Matrix("name", B.ClassChar, false, [1, 5], B.Element(B.MiUInt16, text)))
            .Add(B.Matrix("P", B.ClassDouble, false, [4, 1], B.Element(B.MiDouble, B.Doubles(0, 0, 1, 1))))
            .Build();
        var vars = MatV5Reader.Read(file);
        vars.Keys.Should().BeEquivalentTo("name", "P");
        vars["name"].ToString().Should().Be("hello");
        vars["P"].ToDoubles().Should().Equal(0, 0, 1, 1);
    }

    [Fact]
    public void Rejects_v73_truncated_and_non_mat_files_with_clear_messages()
    {
        var v73 = B.Header("MATLAB 7.3 MAT-file, Platform: GLNXA64, HDF5 schema 1.00 .");
        ((Action)(() => MatV5Reader.Read(v73))).Should().Throw<InvalidDataException>().WithMessage("*7.3*HDF5*");
        var full = new B().Add(B.Matrix("BB", B.ClassDouble, false, [2, 3], B.Element(B.MiDouble, B.Doubles(1, 2, 3, 4, 5, 6)))).Build();
        ((Action)(() => MatV5Reader.Read(full[..^20]))).Should().Throw<InvalidDataException>().WithMessage("*claims*bytes*");
        ((Action)(() => MatV5Reader.Read(new byte[10]))).Should().Throw<InvalidDataException>().WithMessage("*128-byte header*");
        string path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.mat");
        File.WriteAllBytes(path, new byte[200]);
        ((Action)(() => MatV5Reader.Read(path))).Should().Throw<InvalidDataException>().WithMessage($"{path}: *endian*");
    }

    [Fact]
    public void Reads_single_arrays_as_floats_whether_compressed_or_not()
    {
        float[] values = [1.5f, float.NaN, -2.25f, 3e-8f, float.MaxValue, 0f];
        var element = B.Matrix("XYZcut", B.ClassSingle, false, [1, 2, 3], B.Element(B.MiSingle, B.Singles(values)));
        foreach (var file in new[] { new B().Add(element).Build(), new B().Add(B.Compressed(element)).Build() })
        {
            var xyz = MatV5Reader.Read(file)["XYZcut"];
            xyz.Class.Should().Be(MatClass.Single);
            xyz.Dimensions.Should().Equal(1, 2, 3);
            xyz.Data.Should().BeOfType<float[]>().Which.Should().Equal(values);
            xyz.ToDoubles().Should().Equal(values.Select(v => (double)v));
        }
    }

    [Fact]
    public void Streams_a_large_compressed_double_array_and_the_variable_after_it()
    {
        // Larger than any read buffer, so the inflater is read many times; the next element must still be found.
        var values = Enumerable.Range(0, 200_003).Select(i => i % 7 == 0 ? double.NaN : Math.Sin(i) * 1e3).ToArray();
        var file = new B()
            .Add(B.Compressed(B.Matrix("big", B.ClassDouble, false, [200_003, 1], B.Element(B.MiDouble, B.Doubles(values)))))
            .Add(B.Matrix("after", B.ClassDouble, false, [1, 1], B.Element(B.MiDouble, B.Doubles(42))))
            .Build();
        var vars = MatV5Reader.Read(file);
        vars["big"].Data.Should().BeOfType<double[]>().Which.Should().Equal(values);
        vars["after"][0].Should().Be(42);
    }

    [Fact]
    public void Compressed_element_whose_matrix_is_cut_short_is_reported_with_its_offset()
    {
        var data = B.Element(B.MiDouble, B.Doubles(1, 2, 3, 4, 5, 6));
        var matrix = B.Matrix("BB", B.ClassDouble, false, [2, 3], data);
        // Compress a matrix whose data element lost its last 16 bytes (the tag still claims 48).
        var file = new B().Add(B.Compressed(matrix[..^16])).Build();
        ((Action)(() => MatV5Reader.Read(file))).Should().Throw<InvalidDataException>().WithMessage("*element at byte 128*");
    }

    [Fact]
    public void Writer_output_reads_back_for_double_single_and_logical_compressed_or_plain()
    {
        string dir = Mast3r.Tests.TestSupport.TestPaths.NewTempDir();
        var vars = new[]
        {
            new MatV5Writer.Variable("d", [2, 2], new[] { 1.0, double.NaN, -3, 4 }),
            new MatV5Writer.Variable("s", [3, 1], new[] { 0.5f, float.NaN, 7f }),
            new MatV5Writer.Variable("m", [1, 3], new byte[] { 1, 0, 1 }, Logical: true),
        };
        foreach (bool compress in new[] { true, false })
        {
            string path = Path.Combine(dir, $"v{compress}.mat");
            MatV5Writer.Write(path, vars, compress);
            var read = MatV5Reader.Read(path);
            read["d"].Data.Should().BeOfType<double[]>().Which.Should().Equal(1.0, double.NaN, -3, 4);
            read["s"].Data.Should().BeOfType<float[]>().Which.Should().Equal(0.5f, float.NaN, 7f);
            read["m"].IsLogical.Should().BeTrue();
            read["m"].AsBytes().Should().Equal(1, 0, 1);
        }
    }

    [Fact]
    public void Compressed_element_with_bytes_that_are_not_zlib_is_reported_as_corrupt_with_its_offset()
    {
        var good = B.Compressed(B.Matrix("BB", B.ClassDouble, false, [2, 3], B.Element(B.MiDouble, B.Doubles(1, 2, 3, 4, 5, 6))));
        var bad = good.ToArray();
        for (int i = 10; i < bad.Length; i++) bad[i] = 0xFF; // keep the tag and the zlib header, destroy the stream
        var file = new B().Add(bad).Build();
        ((Action)(() => MatV5Reader.Read(file))).Should().Throw<InvalidDataException>().WithMessage("corrupt compressed element at byte 128: *");
    }

    [Fact]
    public void Reading_named_variables_skips_the_others_even_when_their_data_is_not_readable()
    {
        // RGBcut's data tag claims an unsupported type (99): reading it would fail, skipping it must not look at it.
        var file = new B()
            .Add(B.Compressed(B.Matrix("RGBcut", B.ClassUInt8, false, [1, 2], B.Element(99, [1, 2]))))
            .Add(B.Compressed(B.Matrix("XYZcut", B.ClassDouble, false, [1, 1], B.Element(B.MiDouble, B.Doubles(3)))))
            .Build();
        string path = Path.Combine(Mast3r.Tests.TestSupport.TestPaths.NewTempDir(), "cutout.jpg.mat");
        File.WriteAllBytes(path, file);
        var vars = MatV5Reader.Read(path, ["XYZcut"]);
        vars.Keys.Should().Equal("XYZcut");
        vars["XYZcut"][0].Should().Be(3);
        ((Action)(() => MatV5Reader.Read(path))).Should().Throw<InvalidDataException>().WithMessage($"{path}: variable 'RGBcut': unsupported data type 99");
    }
}
