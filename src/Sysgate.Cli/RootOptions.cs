using System.CommandLine;
using System.CommandLine.Help;
using Sysgate.Cli.Docs;

namespace Sysgate.Cli;

/// <summary>
/// <c>--help</c> and <c>--version</c> for the root command, made here rather than by <see cref="RootCommand"/>.
/// </summary>
/// <remarks>
/// Why: RootCommand's constructor reads the descriptions of its built-in help and version options from
/// System.CommandLine's localized resources, and the first ResourceManager lookup in a NativeAOT binary walks
/// assembly metadata through reflection: ~0.3 ms of every <c>sysgate</c> invocation, a tenth of a short
/// <c>sysgate trace</c>. These options say the same things (the man page and completions are generated from
/// them) with constant strings; help output still comes from System.CommandLine's <see cref="HelpAction"/>.
/// </remarks>
internal static class RootOptions
{
    /// <summary>The root command: named <c>sysgate</c> whatever the executable file is called.</summary>
    public static Command CreateRoot(string description)
    {
        var root = new Command("sysgate", description);
        root.Options.Add(Help());
        root.Options.Add(Version());
        return root;
    }

    /// <summary><c>-h</c>, <c>-?</c>, <c>--help</c>: on every subcommand too.</summary>
    public static Option<bool> Help() => new("--help", "-h", "-?")
    {
        Description = "Show help and usage information",
        Arity = ArgumentArity.Zero,
        Recursive = true,
        Action = new HelpAction(),
    };

    /// <summary><c>--version</c>: prints <c>sysgate VERSION</c>.</summary>
    public static Option<bool> Version() => new("--version")
    {
        Description = "Show version information",
        Arity = ArgumentArity.Zero,
        Action = ProductVersion.PrintAction(),
    };
}
