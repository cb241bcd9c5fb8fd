using System.CommandLine;
using Sysgate.Cli.Docs;

namespace Sysgate.Cli.Commands;

/// <summary><c>sysgate completions bash|zsh|fish</c>: prints a completion script generated from the command tree.</summary>
public static class CompletionsCommand
{
    /// <summary>The shells a script can be generated for.</summary>
    public static readonly IReadOnlyList<string> Shells = ["bash", "zsh", "fish"];

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "The shell to print a completion script for." };
        shell.AcceptOnlyFromAmong([.. Shells]);
        var command = new Command("completions", "Print a shell completion script (bash, zsh or fish) for sysgate.") { shell };
        command.SetAction(parseResult =>
        {
            var root = parseResult.RootCommandResult.Command;
            parseResult.InvocationConfiguration.Output.Write(Generate(parseResult.GetValue(shell)!, root));
            return 0;
        });
        return command;
    }

    /// <summary>The completion script for <paramref name="shell"/> generated from <paramref name="root"/>.</summary>
    public static string Generate(string shell, Command root)
    {
        var model = CommandModel.From(root);
        return shell switch
        {
            "bash" => BashCompletionWriter.Write(model),
            "zsh" => ZshCompletionWriter.Write(model),
            "fish" => FishCompletionWriter.Write(model),
            _ => throw new ArgumentException($"no completion generator for shell '{shell}'; known: {string.Join(", ", Shells)}", nameof(shell)),
        };
    }
}
