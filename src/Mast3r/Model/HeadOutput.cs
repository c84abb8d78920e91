using static TorchSharp.torch;

namespace Mast3r.Model;

/// <summary>One view's post-processed outputs, channels last: pts3d [B,H,W,3], conf [B,H,W], desc [B,H,W,D], desc_conf [B,H,W].</summary>
internal sealed record HeadOutput(Tensor Pts3d, Tensor Conf, Tensor Desc, Tensor DescConf) : IDisposable
{
    public void Dispose()
    {
        Pts3d.Dispose();
        Conf.Dispose();
        Desc.Dispose();
        DescConf.Dispose();
    }

    public HeadOutput MoveToOuterDisposeScope() =>
        new(Pts3d.MoveToOuterDisposeScope(), Conf.MoveToOuterDisposeScope(), Desc.MoveToOuterDisposeScope(), DescConf.MoveToOuterDisposeScope());

    public HeadOutput Select(Func<Tensor, Tensor> f) => new(f(Pts3d), f(Conf), f(Desc), f(DescConf));
}
