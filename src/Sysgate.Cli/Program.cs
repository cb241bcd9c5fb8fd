using System.CommandLine;
using System.CommandLine.Help;

namespace Sysgate.Cli;

/// <summary>Entry point of the <c>sysgate</c> command.</summary>
public static class Program
{
    /// <summary>Builds the command tree and runs it; the exit code is the subcommand's.</summary>
    public static int Main(string[] args)
    {
        var result = CommandTree.Build().Parse(args);
        result.InvocationConfiguration.Output = new LazyConsoleWriter(static () => Console.Out);
        result.InvocationConfiguration.Error = new LazyConsoleWriter(static () => Console.Error);
        return result.Errors.Count > 0 && result.Action is not HelpAction ? ReportParseErrors(result) : result.Invoke();
    }

    // What RootCommand's built-in error action does (our root is a plain Command, see RootOptions): every
    // error on stderr, then the failing command's help; exit 1.
    private static int ReportParseErrors(ParseResult result)
    {
        var error = result.InvocationConfiguration.Error;
        foreach (var e in result.Errors)
            error.WriteLine(e.Message);
        error.WriteLine();
        new HelpAction().Invoke(result);
        return 1;
    }
}
