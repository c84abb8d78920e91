namespace Mast3r.Metrics.Dtu;

/// <summary>Protocol constants of the DTU evaluation (defaults = the official values).</summary>
/// <param name="ReductionRadius">Thinning radius, mm (downsample_density 0.2).</param>
/// <param name="MaxDistance">Distances at or beyond this cap are discarded, mm (max_dist 20).</param>
/// <param name="Patch">Margin of the box around which predicted points are kept, mm (patch_size 60).</param>
/// <param name="Protocol">Which official implementation to follow at the boundaries where they differ.</param>
/// <param name="Seed">Seed of the random visiting order of the thinning (the reference is unseeded).</param>
public sealed record DtuOptions(double ReductionRadius = 0.2, double MaxDistance = 20, double Patch = 60,
    DtuProtocol Protocol = DtuProtocol.Matlab, int Seed = 0);
