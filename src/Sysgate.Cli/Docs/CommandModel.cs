using System.CommandLine;
using System.CommandLine.Completions;

namespace Sysgate.Cli.Docs;

/// <summary>What a value on the command line names, so each shell can complete it appropriately.</summary>
internal enum ValueKind
{
    /// <summary>Free text: nothing sensible to offer.</summary>
    Text,
    /// <summary>One of a fixed list (<see cref="OptionInfo.Values"/> / <see cref="ArgumentInfo.Values"/>).</summary>
    Choice,
    /// <summary>A file path.</summary>
    File,
    /// <summary>A directory path.</summary>
    Directory,
    /// <summary>A program followed by its own arguments (e.g. <c>exec -- PROGRAM ARGS...</c>).</summary>
    CommandLine,
}

/// <summary>One visible option as the docs and completion generators see it.</summary>
internal sealed record OptionInfo(
    string Name, IReadOnlyList<string> Names, string? ValueName, ValueKind Kind,
    IReadOnlyList<string> Values, bool Repeatable, string Description);

/// <summary>One positional argument as the docs and completion generators see it.</summary>
internal sealed record ArgumentInfo(
    string Name, ValueKind Kind, IReadOnlyList<string> Values, bool Optional, bool Variadic, string Description);

/// <summary>One visible command (the root included) with everything the generators need.</summary>
internal sealed record CommandInfo(
    IReadOnlyList<string> Path, string Description, IReadOnlyList<OptionInfo> Options,
    IReadOnlyList<ArgumentInfo> Arguments, IReadOnlyList<CommandInfo> Subcommands)
{
    /// <summary>"sysgate exec": the words that select this command.</summary>
    public string FullName => string.Join(' ', Path);

    /// <summary>This command and every visible descendant, depth first, parents before children.</summary>
    public IEnumerable<CommandInfo> SelfAndDescendants()
    {
        yield return this;
        foreach (var sub in Subcommands)
            foreach (var c in sub.SelfAndDescendants())
                yield return c;
    }
}

/// <summary>
/// Reads a System.CommandLine tree into plain records. The man page and all completion scripts are
/// generated from this one walk, so a subcommand added to <see cref="CommandTree"/> is documented and
/// completed without touching the generators. Hidden symbols are left out.
/// </summary>
internal static class CommandModel
{
    /// <summary>Walks <paramref name="root"/>; the root's name is taken as "sysgate".</summary>
    public static CommandInfo From(Command root) => Walk(root, ["sysgate"], []);

    private static CommandInfo Walk(Command command, IReadOnlyList<string> path, IReadOnlyList<Option> inherited)
    {
        // Recursive options (e.g. --help) apply to every descendant as well.
        var own = command.Options.Where(o => !o.Hidden).ToList();
        var options = own.Concat(inherited.Where(i => !own.Contains(i))).Select(Describe).ToList();
        var passDown = inherited.Concat(own.Where(o => o.Recursive)).Distinct().ToList();
        var subs = command.Subcommands.Where(c => !c.Hidden)
            .Select(c => Walk(c, [.. path, c.Name], passDown)).ToList();
        var args = command.Arguments.Where(a => !a.Hidden).Select(Describe).ToList();
        return new CommandInfo(path, command.Description ?? "", options, args, subs);
    }

    private static OptionInfo Describe(Option option)
    {
        // Windows-style "/h" aliases mean nothing to a Unix shell; "-?" would be a glob there.
        var names = new[] { option.Name }.Concat(option.Aliases.Order(StringComparer.Ordinal))
            .Where(n => n.StartsWith('-') && n != "-?").Distinct()
            .OrderBy(n => n.StartsWith("--", StringComparison.Ordinal) ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal)
            .ToList();
        bool takesValue = option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool);
        string? valueName = takesValue ? option.HelpName ?? option.Name.TrimStart('-').ToUpperInvariant() : null;
        var values = takesValue ? StaticValues(option.CompletionSources) : [];
        var kind = takesValue ? Classify(option.ValueType, valueName!, values) : ValueKind.Text;
        bool repeatable = option.Arity.MaximumNumberOfValues > 1;
        return new OptionInfo(names[0], names, valueName, kind, values, repeatable, option.Description ?? "");
    }

    private static ArgumentInfo Describe(Argument argument)
    {
        var name = argument.HelpName ?? argument.Name;
        var values = StaticValues(argument.CompletionSources);
        return new ArgumentInfo(name, Classify(argument.ValueType, name, values), values,
            argument.Arity.MinimumNumberOfValues == 0, argument.Arity.MaximumNumberOfValues > 1,
            argument.Description ?? "");
    }

    // Sources that list fixed values (AcceptOnlyFromAmong, enums) answer the empty context with them.
    private static IReadOnlyList<string> StaticValues(
        IEnumerable<Func<CompletionContext, IEnumerable<CompletionItem>>> sources) =>
        sources.SelectMany(s => s(CompletionContext.Empty)).Select(i => i.Label).Distinct().ToList();

    /// <summary>
    /// Decides what a value names: by its type when the type says so (FileInfo, DirectoryInfo), else by the
    /// help name. Conventions for subcommand authors: a help name containing PROGRAM or COMMAND completes a
    /// command line, DIR a directory, FILE or PATH a file.
    /// </summary>
    internal static ValueKind Classify(Type type, string name, IReadOnlyList<string> values)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        if (element == typeof(DirectoryInfo)) return ValueKind.Directory;
        if (element == typeof(FileInfo) || element == typeof(FileSystemInfo)) return ValueKind.File;
        if (values.Count > 0) return ValueKind.Choice;
        var upper = name.ToUpperInvariant();
        if (upper.Contains("PROGRAM") || upper.Contains("COMMAND")) return ValueKind.CommandLine;
        if (upper.Contains("DIR")) return ValueKind.Directory;
        if (upper.Contains("FILE") || upper.Contains("PATH")) return ValueKind.File;
        return ValueKind.Text;
    }
}
