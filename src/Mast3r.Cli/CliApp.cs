using System.CommandLine;
using System.Reflection;

namespace Mast3r.Cli;

internal static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("mast3r — MASt3R reproduction suite: inference, matching, evaluation, training, benchmarks.");
        var commands = typeof(CliApp).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ICliCommand).IsAssignableFrom(t))
            .Select(t => ((ICliCommand)Activator.CreateInstance(t)!).Build())
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var command in commands) root.Subcommands.Add(command);
        return root;
    }

    public static int Run(string[] args)
    {
        try
        {
            // Our own handler: usage errors exit 2 without a stack trace; anything else keeps its trace.
            return BuildRoot().Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliUsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled.");
            return 130;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("MAST3R_DEBUG") != "1")
        {
            // One line for users; MAST3R_DEBUG=1 lets the exception (and its stack trace) through.
            Console.Error.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }
}

/// <summary>A user error (bad path, bad value): printed without a stack trace, exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
