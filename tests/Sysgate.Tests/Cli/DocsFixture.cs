using System.CommandLine;
using Sysgate.Cli.Commands;

namespace Sysgate.Tests.Cli;

/// <summary>
/// A synthetic command tree exercising every shape the generators must handle (nested subcommands,
/// repeatable value options, directory/choice values, a "-- PROGRAM ARGS" command line) independent
/// of which real subcommands exist yet.
/// </summary>
internal static class DocsFixture
{
    public static RootCommand Build()
    {
        var root = new RootCommand("sysgate: test tree.");
        var fd = new Option<string[]>("--fd") { Description = "Map a child fd.", HelpName = "CHILD=PARENT", AllowMultipleArgumentsPerToken = false };
        var cwd = new Option<string>("--cwd") { Description = "Working directory [of the child].", HelpName = "DIR" };
        var strict = new Option<bool>("--strict", "-s") { Description = "Only the listed fds." };
        var mode = new Option<string>("--mode") { Description = "How: fast or safe." };
        mode.AcceptOnlyFromAmong("fast", "safe");
        var program = new Argument<string[]>("PROGRAM") { Description = "The program and its arguments.", Arity = ArgumentArity.OneOrMore };
        var exec = new Command("exec", """
            Run a program with designated fds.
            Everything else is closed.

            --fd forms:
              CHILD=PARENT        a copy of our fd     --fd 3=1
              .hidden=x           a line starting with a dot
            """) { fd, cwd, strict, mode, program };
        var list = new Command("list", "List things.");
        var group = new Command("net", "Network things.") { list };
        var hidden = new Command("secret", "Not shown.") { Hidden = true };
        root.Subcommands.Add(exec);
        root.Subcommands.Add(group);
        root.Subcommands.Add(hidden);
        root.Subcommands.Add(CompletionsCommand.Create());
        return root;
    }
}
