using System.CommandLine;

namespace Sysgate.Cli;

/// <summary>The whole <c>sysgate</c> command tree; subcommands live in Commands/, one file each.</summary>
public static class CommandTree
{
    /// <summary>Creates the root command with every subcommand attached.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("sysgate: start programs with exactly the file descriptors you designate, trace and sandbox their system calls.");
        root.Subcommands.Add(Commands.ExecCommand.Create());
        return root;
    }
}
