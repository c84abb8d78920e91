using System.CommandLine;

namespace Mast3r.Cli;

/// <summary>
/// One `mast3r` subcommand. Implementations live in <c>Commands/</c>, one file each, and are discovered by
/// reflection, so adding a command never touches Program.cs.
/// </summary>
internal interface ICliCommand
{
    Command Build();
}
