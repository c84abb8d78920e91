using FluentAssertions;
using Mast3r.Build.Native;
using Mast3r.Tests.TestSupport;
using TorchSharp;
using Xunit;

namespace Mast3r.Tests.Build;

[Trait("Category", "Unit")]
public class GlibcxxWeakenerTests
{
    private static string PristineShim()
    {
        string nuget = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(nuget, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.SkipUnless(File.Exists(path), $"TorchSharp's linux-x64 shim not in the package cache ({path}).");
        return path;
    }

    [Fact]
    public void Torch_operation_runs_in_the_test_process()
    {
        using var a = torch.ones(2, 3);
        using var b = torch.ones(3, 4);
        using var c = a.matmul(b);
        c.sum().item<float>().Should().Be(24f);
    }

    [Fact]
    public void Patches_exactly_the_one_entry_and_is_idempotent()
    {
        string copy = Path.Combine(TestPaths.NewTempDir(), "libLibTorchSharp.so");
        File.Copy(PristineShim(), copy);
        byte[] before = File.ReadAllBytes(copy);
        var needsBefore = GlibcxxWeakener.ListVersionNeeds(before, copy);
        needsBefore.Should().ContainSingle(n => n.Version == GlibcxxWeakener.TargetVersion);

        GlibcxxWeakener.Weaken(copy).Should().Be(WeakenOutcome.Patched);
        byte[] after = File.ReadAllBytes(copy);
        before.Zip(after).Count(p => p.First != p.Second).Should().Be(1, "only the flags byte of one vernaux entry changes");
        var needsAfter = GlibcxxWeakener.ListVersionNeeds(after, copy);
        needsAfter.Single(n => n.Version == GlibcxxWeakener.TargetVersion).Flags.Should().Be(2);
        needsAfter.Where(n => n.Version != GlibcxxWeakener.TargetVersion)
            .Should().Equal(needsBefore.Where(n => n.Version != GlibcxxWeakener.TargetVersion));

        GlibcxxWeakener.Weaken(copy).Should().Be(WeakenOutcome.AlreadyWeak);
        File.ReadAllBytes(copy).Should().Equal(after);
    }

    [Fact]
    public void Refuses_a_library_without_that_need()
    {
        string copy = Path.Combine(TestPaths.NewTempDir(), "libLibTorchSharp.so");
        File.Copy(PristineShim(), copy);
        var act = () => GlibcxxWeakener.Weaken(copy, "GLIBCXX_9.9.99");
        act.Should().Throw<ElfPatchException>().WithMessage("*exactly one*found 0*");
    }

    [Fact]
    public void Refuses_a_file_that_is_not_elf()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "not-elf.so");
        File.WriteAllText(path, "hello");
        var act = () => GlibcxxWeakener.Weaken(path);
        act.Should().Throw<ElfPatchException>().WithMessage("*not an ELF*");
    }
}
