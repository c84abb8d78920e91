using System.Diagnostics;
using FluentAssertions;
using Mast3r.Checkpoints;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Checkpoints;

/// <summary>
/// Mutated checkpoints (seeded): raw byte flips and truncations of the file must load identically or fail with
/// <see cref="CheckpointException"/>; edits of the pickle or of archive entries (re-zipped with valid CRCs) may also
/// load different-but-valid content, but never crash, hang or throw a foreign exception.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CheckpointFuzzTests(ITestOutputHelper output)
{
    private static readonly byte[] Original = MiniCheckpointWriter.Standard();

    [Fact]
    public void MutatedCheckpointsLoadIdenticallyOrFailWithTheLoaderException()
    {
        var rng = new Random(20240613);
        string dir = TestPaths.NewTempDir("mast3r-fuzz");
        var reference = Snapshot(Checkpoint.Load(Save(dir, "ref.pth", Original)));
        var counts = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 400; i++)
        {
            var (kind, bytes, strict) = Mutate(rng, i);
            string path = Save(dir, $"m{i}.pth", bytes);
            string outcome;
            try
            {
                var snap = Snapshot(Checkpoint.Load(path));
                outcome = snap == reference ? "identical" : "different";
                if (strict) outcome.Should().Be("identical", $"mutation {i} ({kind}) changed the file's bytes but loaded without error");
            }
            catch (CheckpointException e)
            {
                e.File.Should().Be(path);
                outcome = "rejected";
            }
            counts[$"{kind}/{outcome}"] = counts.GetValueOrDefault($"{kind}/{outcome}") + 1;
            File.Delete(path);
        }
        foreach (var (k, n) in counts.OrderBy(kv => kv.Key)) output.WriteLine($"{k}: {n}");
        output.WriteLine($"400 mutations in {clock.Elapsed.TotalSeconds:F1} s");
        counts.Keys.Should().Contain(k => k.EndsWith("/rejected"));
    }

    private static (string Kind, byte[] Bytes, bool Strict) Mutate(Random rng, int i)
    {
        var pkl = CheckpointReaderTests.PickleOf(Original);
        var storages = new Dictionary<string, byte[]>
        {
            ["0"] = MiniCheckpointWriter.Bytes(Enumerable.Range(0, 12).Select(k => k * 0.5f - 1).ToArray()),
            ["1"] = MiniCheckpointWriter.Bytes(Enumerable.Range(0, 6).Select(k => k * 0.25f).ToArray()),
        };
        switch (i % 5)
        {
            case 0:
            case 1:
                var flipped = (byte[])Original.Clone();
                for (int n = rng.Next(1, 4); n > 0; n--) flipped[rng.Next(flipped.Length)] ^= (byte)rng.Next(1, 256);
                return ("byte-flip", flipped, true);
            case 2:
                return ("truncate", Original[..rng.Next(0, Original.Length)], true);
            case 3:
                var edited = (byte[])pkl.Clone();
                for (int n = rng.Next(1, 3); n > 0; n--) edited[rng.Next(edited.Length)] = (byte)rng.Next(256);
                if (rng.Next(4) == 0) edited = edited[..rng.Next(edited.Length)];
                return ("pickle-edit", MiniCheckpointWriter.Zip("archive", edited, storages), false);
            default:
                return (rng.Next(5)) switch
                {
                    0 => ("entry-drop", MiniCheckpointWriter.Zip("archive", pkl, new Dictionary<string, byte[]> { ["1"] = storages["1"] }), false),
                    1 => ("entry-resize", MiniCheckpointWriter.Zip("archive", pkl, new Dictionary<string, byte[]> { ["0"] = storages["0"][..rng.Next(48)], ["1"] = storages["1"] }), false),
                    2 => ("entry-escape", MiniCheckpointWriter.Zip("archive", pkl, storages, [("../data/0", new byte[8]), ("/etc/passwd", new byte[4])]), false),
                    3 => ("entry-prefix", MiniCheckpointWriter.Zip("other/nested", pkl, storages), false),
                    _ => ("entry-duplicate-pkl", MiniCheckpointWriter.Zip("archive", pkl, storages, [("second/data.pkl", pkl)]), false),
                };
        }
    }

    private static string Save(string dir, string name, byte[] bytes)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Keys, shapes, values and args as one comparable string.</summary>
    private static string Snapshot(Checkpoint ck)
    {
        var parts = ck.Keys.Select(k =>
        {
            using var t = ck.ToTensor(k);
            return $"{k}[{string.Join(",", t.shape)}]={string.Join(",", t.data<float>().ToArray())}";
        });
        var args = ck.Args.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}");
        return string.Join(";", parts.Concat(args));
    }
}
