using System.CommandLine;
using System.Reflection;

namespace Mast3r.Cli.Commands;

internal sealed class VersionCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("version", "Print the suite's version and the TorchSharp/libtorch versions it runs on.");
        command.SetAction(_ =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            Console.WriteLine($"mast3r {version}");
            Console.WriteLine($"TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}");
            return 0;
        });
        return command;
    }
}
