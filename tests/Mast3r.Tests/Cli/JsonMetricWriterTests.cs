using FluentAssertions;
using Mast3r.Cli.Commands.Eval;
using Xunit;

namespace Mast3r.Tests.Cli;

[Trait("Category", "Unit")]
public class JsonMetricWriterTests
{
    [Fact]
    public void Writes_numbers_round_trip_and_non_finite_values_as_python_json_does()
    {
        string json = JsonMetricWriter.Write(new KeyValuePair<string, object>[]
        {
            new("a < b", 0.1 + 0.2), new("n", 3), new("nan", double.NaN), new("inf", double.PositiveInfinity),
        });
        json.Should().Contain("\"a < b\": 0.30000000000000004").And.Contain("\"n\": 3")
            .And.Contain("\"nan\": NaN").And.Contain("\"inf\": Infinity");
    }
}
