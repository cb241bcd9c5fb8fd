using System.CommandLine;

namespace Sysgate.Cli;

/// <summary>Entry point of the <c>sysgate</c> command.</summary>
public static class Program
{
    /// <summary>Builds the command tree and runs it; the exit code is the subcommand's.</summary>
    public static int Main(string[] args) => CommandTree.Build().Parse(args).Invoke();
}
