using FluentAssertions;
using Mast3r.Model;
using Mast3r.Tests.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Model;

/// <summary>
/// The training path (architecture-spec §4.9): the checkpoint's own string without the loader's rewrites
/// (ManyAR_PatchEmbed, landscape_only=True). A portrait view arrives in landscape layout and its outputs come back
/// transposed; transposed back they must match the official (loader-path) outputs of p1 d0.
/// </summary>
[Trait("Category", "Parity")]
public sealed class ManyArPathTests(ITestOutputHelper output)
{
    [Fact]
    public void PortraitViewInLandscapeLayoutReproducesTheOfficialOutputs()
    {
        var config = Mast3rConfig.FromModelString(TinyA.Checkpoint.ModelString!, applyLoaderRewrites: false);
        config.ManyArPatchEmbed.Should().BeTrue();
        config.LandscapeOnly.Should().BeTrue();
        using var model = Mast3rModel.FromCheckpoint(TinyA.Checkpoint, config);
        var land = TinyA.Images[0];
        var port = TinyA.Images[2];
        port.Height.Should().BeGreaterThan(port.Width);

        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var portLandscapeLayout = port.ToTensor().transpose(-1, -2).contiguous();
        var (v1, v2) = model.Forward(land.ToTensor(), portLandscapeLayout, [(land.Height, land.Width)], [(port.Height, port.Width)]);
        v2.Pts3d.shape.Should().Equal(1, port.Width, port.Height, 3);

        var pts2 = v2.Pts3d[0].transpose(0, 1).contiguous().data<float>().ToArray();
        var desc2 = v2.Desc[0].transpose(0, 1).contiguous().data<float>().ToArray();
        var pts1 = v1.Pts3d[0].contiguous().data<float>().ToArray();
        ParityCheck.AssertClose("ManyAR v1 pts3d", Sampling.Apply("_s5", pts1, land.Height, land.Width, 3),
            TinyA.Fixture("out_p1_d0_v1_pts3d_s5").ToFloats(), output.WriteLine);
        ParityCheck.AssertClose("ManyAR v2 pts3d_in_other_view", Sampling.Apply("_s5", pts2, port.Height, port.Width, 3),
            TinyA.Fixture("out_p1_d0_v2_pts3d_in_other_view_s5").ToFloats(), output.WriteLine);
        ParityCheck.AssertClose("ManyAR v2 desc", Sampling.Apply("_s9", desc2, port.Height, port.Width, 24),
            TinyA.Fixture("out_p1_d0_v2_desc_s9").ToFloats(), output.WriteLine);
    }
}
