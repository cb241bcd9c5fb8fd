using System.CommandLine;
using Sysgate.Cli.Commands;
using Sysgate.Cli.Docs;

namespace Sysgate.Cli;

/// <summary>The whole <c>sysgate</c> command tree; subcommands live in Commands/, one file each.</summary>
public static class CommandTree
{
    /// <summary>Creates the root command with every subcommand attached.</summary>
    public static Command Build()
    {
        var root = RootOptions.CreateRoot("sysgate: start programs with exactly the file descriptors you designate, trace and sandbox their system calls.");
        root.Subcommands.Add(Commands.ExecCommand.Create());
        root.Subcommands.Add(TraceCommand.Create());
        // Shipping: shell completion scripts and (hidden) the man page, both generated from this tree.
        root.Subcommands.Add(CompletionsCommand.Create());
        root.Subcommands.Add(ManPageCommand.Create());
        return root;
    }
}
