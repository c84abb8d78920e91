namespace Mast3r.Build;

/// <summary>A build-graph parameter: <c>--name value</c>, <c>--name=value</c>, or the environment variable.</summary>
/// <param name="Name">Kebab-case name without dashes, e.g. <c>checkpoint-dir</c>.</param>
/// <param name="Description">One line for <c>--help</c>.</param>
/// <param name="Default">Value when neither the command line nor the environment sets it (null: unset).</param>
/// <param name="IsSwitch">A flag: <c>--gpu-host</c> alone means true.</param>
/// <param name="Allowed">If given, the only accepted values.</param>
public sealed record ParameterSpec(string Name, string Description, string? Default = null, bool IsSwitch = false, IReadOnlyList<string>? Allowed = null)
{
    /// <summary>The environment variable that also sets it: <c>REPRO_</c> + upper snake case.</summary>
    public string EnvironmentVariable => "REPRO_" + Name.Replace('-', '_').ToUpperInvariant();
}

/// <summary>A target as the graph declares it.</summary>
/// <param name="Name">Target name, e.g. <c>Reproduce</c>.</param>
/// <param name="Description">One line for <c>--help</c>.</param>
/// <param name="Dependencies">Targets that run first, in declaration order.</param>
public sealed record TargetSpec(string Name, string Description, IReadOnlyList<string> Dependencies);

/// <summary>What the user asked for.</summary>
/// <param name="Targets">Requested targets in command-line order (the default target if none).</param>
/// <param name="Values">Every parameter's resolved value (command line, then environment, then default).</param>
/// <param name="Sources">Where each value came from: "command line", the environment variable's name, or "default".</param>
/// <param name="ShowHelp">`--help` was given.</param>
/// <param name="ShowPlan">`--plan` was given.</param>
public sealed record BuildInvocation(
    IReadOnlyList<string> Targets,
    IReadOnlyDictionary<string, string?> Values,
    IReadOnlyDictionary<string, string> Sources,
    bool ShowHelp,
    bool ShowPlan);

/// <summary>A usage error; the build script prints it and exits with code 2.</summary>
public sealed class BuildUsageException(string message) : Exception(message)
{
    /// <summary>The process exit code for usage errors.</summary>
    public const int ExitCode = 2;
}
