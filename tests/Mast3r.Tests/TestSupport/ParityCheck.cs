using System.Globalization;
using FluentAssertions;

namespace Mast3r.Tests.TestSupport;

/// <summary>
/// Elementwise parity |ours − official| ≤ atol + rtol·|official| (default 1e-4 + 1e-4·|official|, the project's
/// CPU fp32 bound). Reports the worst ratio |Δ| / bound so the margin is visible in the test output.
/// </summary>
internal static class ParityCheck
{
    public const double Atol = 1e-4;
    public const double Rtol = 1e-4;

    /// <summary>Worst ratio over all elements; NaN/∞ mismatches give +∞.</summary>
    public static double WorstRatio(ReadOnlySpan<float> ours, ReadOnlySpan<float> official, out int worstIndex)
    {
        if (ours.Length != official.Length) throw new ArgumentException($"length {ours.Length} vs official {official.Length}");
        double worst = 0;
        worstIndex = -1;
        for (int i = 0; i < ours.Length; i++)
        {
            double o = official[i], a = ours[i];
            double ratio = double.IsFinite(o) && double.IsFinite(a) ? Math.Abs(a - o) / (Atol + Rtol * Math.Abs(o)) : (a.Equals(o) ? 0 : double.PositiveInfinity);
            if (ratio > worst || worstIndex < 0) { worst = Math.Max(worst, ratio); worstIndex = i; }
        }
        return worst;
    }

    /// <summary>Asserts parity, writes "name: worst ratio r (|Δ| at index)" to <paramref name="log"/>, returns the ratio.</summary>
    public static double AssertClose(string name, float[] ours, float[] official, Action<string> log)
    {
        ours.Length.Should().Be(official.Length, $"{name}: element count");
        double worst = WorstRatio(ours, official, out int at);
        log(string.Create(CultureInfo.InvariantCulture,
            $"{name}: worst ratio {worst:F4} (ours {ours[at]:G9}, official {official[at]:G9}, index {at})"));
        worst.Should().BeLessThanOrEqualTo(1.0, $"{name} must match the official output within 1e-4 + 1e-4·|official|");
        return worst;
    }
}
