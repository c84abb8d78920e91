using System.Text.RegularExpressions;
using FluentAssertions;
using Mast3r.Plots;
using Xunit;

namespace Mast3r.Tests.Plots;

[Trait("Category", "Unit")]
public sealed class CumulativeErrorPlotTests
{
    [Fact]
    public void Failed_items_stay_in_the_denominator_so_the_curve_stops_below_100_percent()
    {
        var (x, y) = CumulativeErrorPlot.Points([0.3, double.NaN, 0.1, double.PositiveInfinity]);

        x.Should().Equal(0.1, 0.3);
        y.Should().Equal(25.0, 50.0);
    }

    [Fact]
    public void Long_curves_are_thinned_to_evenly_spaced_ranks_keeping_both_ends()
    {
        var errors = Enumerable.Range(0, 10_001).Select(i => (double)i).ToArray();

        var (x, y) = CumulativeErrorPlot.Points(errors, maxPoints: 101);

        x.Should().HaveCount(101);
        x[0].Should().Be(0);
        x[^1].Should().Be(10_000);
        y[^1].Should().Be(100);
        x[50].Should().Be(5_000);
    }

    [Fact]
    public void Svg_is_inlinable_with_prefixed_ids_and_the_pinned_font()
    {
        string svg = CumulativeErrorPlot.Svg("visloc: t_err_m", "t_err_m", [new CurveSeries("day", [0.1, 0.2, 0.4]), new CurveSeries("night", [0.5, double.NaN])], idPrefix: "c1");

        svg.Should().StartWith("<svg").And.Contain("day").And.Contain("night");
        Regex.Matches(svg, "\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Should().NotBeEmpty().And.OnlyContain(id => id.StartsWith("c1-"));
        Regex.Matches(svg, @"url\(#([^)]+)\)").Select(m => m.Groups[1].Value).Should().OnlyContain(id => id.StartsWith("c1-"));
        svg.Should().Contain(CumulativeErrorPlot.FontName);
    }
}
