using System.CommandLine;

namespace Sysgate.Cli.Docs;

/// <summary>
/// Hidden <c>sysgate generate-man</c>: prints docs/sysgate.1 generated from the command tree
/// (scripts/regenerate-docs writes it; a test checks the committed copy is current).
/// </summary>
public static class ManPageCommand
{
    /// <summary>Creates the hidden command.</summary>
    public static Command Create()
    {
        var command = new Command("generate-man", "Print the sysgate(1) man page in roff.") { Hidden = true };
        command.SetAction(parseResult =>
        {
            var root = parseResult.RootCommandResult.Command;
            parseResult.InvocationConfiguration.Output.Write(ManPageWriter.Write(CommandModel.From(root)));
            return 0;
        });
        return command;
    }
}
