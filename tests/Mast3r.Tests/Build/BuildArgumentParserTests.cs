using FluentAssertions;
using Mast3r.Build;
using Xunit;

namespace Mast3r.Tests.Build;

[Trait("Category", "Unit")]
public class BuildArgumentParserTests
{
    private static readonly TargetSpec[] Targets =
    {
        new("Restore", "restore", Array.Empty<string>()),
        new("Compile", "compile", new[] { "Restore" }),
        new("Test", "test", new[] { "Compile" }),
        new("Reproduce", "reproduce", new[] { "Compile" }),
    };

    private static readonly ParameterSpec[] Parameters =
    {
        new("experiment", "which experiment", "all"),
        new("checkpoint-dir", "where checkpoints live"),
        new("gpu-host", "switch", "false", IsSwitch: true),
        new("device", "device", "cpu", Allowed: new[] { "cpu", "cuda" }),
    };

    private static BuildInvocation Parse(string[] argv, Dictionary<string, string>? env = null) =>
        BuildArgumentParser.Parse(argv, Targets, Parameters, n => env != null && env.TryGetValue(n, out var v) ? v : null, "Test");

    [Fact]
    public void Positional_target_and_both_value_syntaxes()
    {
        var a = Parse(new[] { "Reproduce", "--experiment", "visloc", "--checkpoint-dir=/ckpt" });
        a.Targets.Should().Equal("Reproduce");
        a.Values["experiment"].Should().Be("visloc");
        a.Values["checkpoint-dir"].Should().Be("/ckpt");
        a.Sources["experiment"].Should().Be("command line");
    }

    [Fact]
    public void Environment_fills_what_the_command_line_leaves_and_default_the_rest()
    {
        var a = Parse(new[] { "Test" }, new() { ["REPRO_EXPERIMENT"] = "mapfree" });
        a.Values["experiment"].Should().Be("mapfree");
        a.Sources["experiment"].Should().Be("REPRO_EXPERIMENT");
        a.Values["device"].Should().Be("cpu");
        a.Sources["device"].Should().Be("default");
        a.Values["checkpoint-dir"].Should().BeNull();
    }

    [Fact]
    public void Command_line_wins_over_environment()
    {
        var a = Parse(new[] { "--experiment=relpose" }, new() { ["REPRO_EXPERIMENT"] = "mapfree" });
        a.Values["experiment"].Should().Be("relpose");
    }

    [Fact]
    public void No_target_means_the_default_target()
    {
        Parse(Array.Empty<string>()).Targets.Should().Equal("Test");
    }

    [Fact]
    public void Target_names_are_case_insensitive_and_normalised()
    {
        Parse(new[] { "reproduce" }).Targets.Should().Equal("Reproduce");
    }

    [Fact]
    public void Switch_alone_is_true_and_accepts_an_explicit_boolean()
    {
        Parse(new[] { "--gpu-host", "Test" }).Values["gpu-host"].Should().Be("true");
        Parse(new[] { "--gpu-host", "false" }).Values["gpu-host"].Should().Be("false");
        Parse(new[] { "--gpu-host" }).Values["gpu-host"].Should().Be("true");
    }

    [Fact]
    public void Unknown_parameter_is_a_usage_error_that_lists_the_valid_ones()
    {
        var act = () => Parse(new[] { "--experimnt", "visloc" });
        act.Should().Throw<BuildUsageException>()
            .WithMessage("*Unknown parameter '--experimnt'*Did you mean 'experiment'*--checkpoint-dir*");
    }

    [Fact]
    public void Unknown_target_is_a_usage_error_with_a_suggestion()
    {
        var act = () => Parse(new[] { "Reproduse" });
        act.Should().Throw<BuildUsageException>().WithMessage("*Unknown target 'Reproduse'*Did you mean 'Reproduce'*Targets: Restore, Compile*");
    }

    [Fact]
    public void Value_outside_the_allowed_set_is_rejected_even_from_the_environment()
    {
        var act = () => Parse(Array.Empty<string>(), new() { ["REPRO_DEVICE"] = "tpu" });
        act.Should().Throw<BuildUsageException>().WithMessage("*'--device'*'tpu'*REPRO_DEVICE*cpu, cuda*");
    }

    [Fact]
    public void Parameter_without_value_is_rejected()
    {
        var act = () => Parse(new[] { "--experiment" });
        act.Should().Throw<BuildUsageException>().WithMessage("*needs a value*");
    }

    [Fact]
    public void Help_and_plan_flags_are_recognised()
    {
        var a = Parse(new[] { "--plan", "Reproduce", "--help" });
        a.ShowPlan.Should().BeTrue();
        a.ShowHelp.Should().BeTrue();
        a.Targets.Should().Equal("Reproduce");
    }

    [Fact]
    public void Plan_lists_dependencies_first_each_once()
    {
        ExecutionPlan.For(new[] { "Test", "Reproduce" }, Targets).Should().Equal("Restore", "Compile", "Test", "Reproduce");
    }

    [Fact]
    public void Plan_rejects_a_cycle()
    {
        var cyclic = new[] { new TargetSpec("A", "", new[] { "B" }), new TargetSpec("B", "", new[] { "A" }) };
        var act = () => ExecutionPlan.For(new[] { "A" }, cyclic);
        act.Should().Throw<BuildUsageException>().WithMessage("*cycle*");
    }

    [Fact]
    public void Help_lists_every_target_with_dependencies_and_every_parameter_with_default_and_variable()
    {
        string help = HelpText.Render(Targets, Parameters, "Test");
        foreach (var t in Targets) help.Should().Contain(t.Name).And.Contain(t.Description);
        help.Should().Contain("[after: Compile]");
        foreach (var p in Parameters) help.Should().Contain("--" + p.Name).And.Contain(p.EnvironmentVariable);
        help.Should().Contain("default: all");
    }
}
