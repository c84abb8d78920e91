using System.IO.Compression;
using System.Text;
using FluentAssertions;
using Mast3r.Checkpoints;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Checkpoints;

[Trait("Category", "Unit")]
public sealed class CheckpointReaderTests
{
    private static string WriteTemp(byte[] bytes, string name = "ck.pth")
    {
        string path = Path.Combine(TestPaths.NewTempDir("mast3r-ck"), name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void FixtureCheckpointLoadsWithItsRecordedHashKeysArgsAndSharedAliases()
    {
        var ck = TinyA.Checkpoint;
        ck.Sha256.Should().Be("7ccbf64d1f0e3acee37b773aecf662945302c1e00b0057b65d4ebdcdb80a2c0f");
        ck.Keys.Should().HaveCount(681);
        ck.Keys[0].Should().Be("mask_token");
        ck.ModelString.Should().StartWith("AsymmetricMASt3R(pos_embed='RoPE100', patch_embed_cls='ManyAR_PatchEmbed'");
        ck.Args["epochs"].Should().Be(50L);
        ck.Args["lr"].Should().Be(0.0001);
        ck.Args["distributed"].Should().Be(false);
        ck.Args["resume"].Should().BeNull();
        ck.StorageKeyOf("downstream_head1.dpt.scratch.layer_rn.2.weight")
            .Should().Be(ck.StorageKeyOf("downstream_head1.dpt.scratch.layer3_rn.weight"));
        ck.ShapeOf("downstream_head2.head_local_features.fc2.weight").Should().Equal(6400, 448);
    }

    [Fact]
    public void MiniCheckpointTensorsAreStridedViewsOfTheirStorages()
    {
        var ck = Checkpoint.Load(WriteTemp(MiniCheckpointWriter.Standard()));
        ck.Keys.Should().Equal("a.weight", "a.alias", "b.bias", "c.view");
        using var view = ck.ToTensor("c.view");
        view.shape.Should().Equal(2, 3);
        // storage[i] = i/2 − 1; element (r, c) = storage[2 + r + 2c]
        view.data<float>().ToArray().Should().Equal(0f, 1f, 2f, 0.5f, 1.5f, 2.5f);
        ck.ModelString.Should().Be("AsymmetricMASt3R(pos_embed='RoPE100')");
        ck.Args["amp"].Should().Be(false);
    }

    [Fact]
    public void GzipCompressedCheckpointIsDetectedByContent()
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(MiniCheckpointWriter.Standard());
        var ck = Checkpoint.Load(WriteTemp(ms.ToArray(), "ck.bin"));
        ck.Keys.Should().HaveCount(4);
    }

    [Fact]
    public void BareStateDictLoadsWithoutArgs()
    {
        var bytes = MiniCheckpointWriter.Write(
            [new("w", "0", 0, [2], [1])], new() { ["0"] = [1f, 2f] }, null,
            editPickle: p => StripModelWrapper(p));
        var ck = Checkpoint.Load(WriteTemp(bytes));
        ck.Keys.Should().Equal("w");
        ck.ModelString.Should().BeNull();
    }

    // Turns {'model': OrderedDict(...)} into the OrderedDict itself: drop "}q\0(X\5\0\0\0model" and the final "u".
    private static byte[] StripModelWrapper(byte[] p)
    {
        int start = 2 + 3 + 1 + 1 + 4 + 5; // PROTO, EMPTY_DICT+BINPUT, MARK, BINUNICODE opcode + length + "model"
        var body = p[start..^2].ToList();
        body.Insert(0, 0x80);
        body.Insert(1, 2);
        body.Add((byte)'.');
        return body.ToArray();
    }

    [Theory]
    [InlineData("os", "system")]
    [InlineData("builtins", "eval")]
    [InlineData("torch", "DoubleStorage")]
    public void GlobalOutsideTheAllowListIsRejectedByName(string module, string name)
    {
        var bytes = MiniCheckpointWriter.Write([new("w", "0", 0, [2], [1])], new() { ["0"] = [1f, 2f] }, null,
            editPickle: p => Replace(p, "collections\nOrderedDict\n", $"{module}\n{name}\n"));
        var act = () => Checkpoint.Load(WriteTemp(bytes));
        act.Should().Throw<CheckpointException>().WithMessage($"*{module}.{name}*not on the allow-list*");
    }

    [Fact]
    public void TruncatedFileFailsWithTheLoaderException()
    {
        var bytes = MiniCheckpointWriter.Standard();
        var path = WriteTemp(bytes[..(bytes.Length / 2)]);
        var act = () => Checkpoint.Load(path);
        act.Should().Throw<CheckpointException>().Where(e => e.File == path);
    }

    [Fact]
    public void MissingStorageEntryIsNamed()
    {
        var pkl = PickleOf(MiniCheckpointWriter.Standard());
        var bytes = MiniCheckpointWriter.Zip("archive", pkl, new Dictionary<string, byte[]> { ["0"] = new byte[48] });
        var act = () => Checkpoint.Load(WriteTemp(bytes));
        act.Should().Throw<CheckpointException>().Where(e => e.Item == "archive/data/1").WithMessage("*b.bias*missing*");
    }

    [Fact]
    public void StorageOfTheWrongSizeIsNamed()
    {
        var pkl = PickleOf(MiniCheckpointWriter.Standard());
        var bytes = MiniCheckpointWriter.Zip("archive", pkl, new Dictionary<string, byte[]> { ["0"] = new byte[44], ["1"] = new byte[24] });
        var act = () => Checkpoint.Load(WriteTemp(bytes));
        act.Should().Throw<CheckpointException>().Where(e => e.Item == "archive/data/0").WithMessage("*44 bytes, expected 48*");
    }

    [Fact]
    public void ViewBeyondItsStorageIsRejected()
    {
        var bytes = MiniCheckpointWriter.Write([new("w", "0", 1, [2], [1])], new() { ["0"] = [1f, 2f] }, null);
        var act = () => Checkpoint.Load(WriteTemp(bytes));
        act.Should().Throw<CheckpointException>().WithMessage("*reaches element 2 of storage '0'*");
    }

    [Fact]
    public void ArchiveWithoutDataPklAndNonZipFilesAndMissingFilesAreRejected()
    {
        var noPkl = MiniCheckpointWriter.Zip("archive", [], new Dictionary<string, byte[]>());
        using (var ms = new MemoryStream())
        {
            using (var z = new ZipArchive(ms, ZipArchiveMode.Create, true)) z.CreateEntry("archive/other");
            ((Action)(() => Checkpoint.Load(WriteTemp(ms.ToArray())))).Should().Throw<CheckpointException>().Where(e => e.Item == "data.pkl");
        }
        ((Action)(() => Checkpoint.Load(WriteTemp(Encoding.ASCII.GetBytes("not a checkpoint at all"))))).Should().Throw<CheckpointException>();
        ((Action)(() => Checkpoint.Load(WriteTemp([0x80, 0x02, 0x8a, 0x0a])))).Should().Throw<CheckpointException>().WithMessage("*legacy*");
        ((Action)(() => Checkpoint.Load("/nonexistent/ck.pth"))).Should().Throw<CheckpointException>().WithMessage("*not found*");
        noPkl.Should().NotBeEmpty();
    }

    internal static byte[] PickleOf(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        using var s = zip.GetEntry("archive/data.pkl")!.Open();
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    private static byte[] Replace(byte[] data, string from, string to)
    {
        string s = Encoding.Latin1.GetString(data);
        int i = s.IndexOf(from, StringComparison.Ordinal);
        i.Should().BeGreaterThanOrEqualTo(0);
        return Encoding.Latin1.GetBytes(s[..i] + to + s[(i + from.Length)..]);
    }
}
