using System.CommandLine;

namespace Mast3r.Cli.Commands.Eval;

/// <summary>A `mast3r eval &lt;protocol&gt;` subcommand; one file per protocol, discovered by reflection.</summary>
internal interface IEvalSubcommand
{
    Command Build();
}

/// <summary>`mast3r eval`: metrics from estimate files, JSON on stdout.</summary>
internal sealed class EvalCommand : ICliCommand
{
    public Command Build()
    {
        var eval = new Command("eval", "Compute a paper metric from estimate and ground-truth files; prints JSON.");
        var subs = typeof(EvalCommand).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(IEvalSubcommand).IsAssignableFrom(t))
            .Select(t => ((IEvalSubcommand)Activator.CreateInstance(t)!).Build())
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var sub in subs) eval.Subcommands.Add(sub);
        return eval;
    }
}
