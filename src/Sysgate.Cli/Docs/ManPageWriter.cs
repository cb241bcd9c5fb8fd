using System.Text;

namespace Sysgate.Cli.Docs;

/// <summary>
/// Writes sysgate(1) in roff: NAME, SYNOPSIS, OPTIONS and COMMANDS come from the command tree; the prose
/// sections come from <see cref="ManPageText"/>. Output is deterministic (no date) so the checked-in
/// docs/sysgate.1 can be compared with a fresh generation.
/// </summary>
internal static class ManPageWriter
{
    /// <summary>The whole man page for <paramref name="root"/>.</summary>
    public static string Write(CommandInfo root)
    {
        var sb = new StringBuilder();
        sb.Append(".\\\" Generated from the sysgate command tree by `sysgate generate-man`: do not edit.\n");
        sb.Append(".\\\" Regenerate with: scripts/regenerate-docs\n");
        sb.Append($".TH SYSGATE 1 \"\" \"sysgate {ProductVersion.Text}\" \"User Commands\"\n");
        sb.Append(".SH NAME\nsysgate \\- ").Append(Roff.Escape(Summary(root.Description))).Append('\n');

        sb.Append(".SH SYNOPSIS\n");
        sb.Append(".B sysgate\n.RI [ OPTIONS ]\n.I COMMAND\n.RI [ ARGS ]\n");
        foreach (var command in root.SelfAndDescendants().Skip(1))
            sb.Append(".br\n").Append(Synopsis(command)).Append('\n');

        sb.Append(ManPageText.Description);

        sb.Append(".SH OPTIONS\n");
        foreach (var option in root.Options) AppendOption(sb, option);

        sb.Append(".SH COMMANDS\n");
        foreach (var command in root.SelfAndDescendants().Skip(1))
            AppendCommand(sb, command, ParentOf(root, command));

        sb.Append(ManPageText.Examples);
        sb.Append(ManPageText.ExitStatus);
        sb.Append(ManPageText.Files);
        sb.Append(ManPageText.SeeAlso);
        return sb.ToString();
    }

    private static void AppendCommand(StringBuilder sb, CommandInfo command, CommandInfo parent)
    {
        sb.Append(".SS \"").Append(Roff.Escape(command.FullName)).Append("\"\n");
        sb.Append(Synopsis(command)).Append("\n.PP\n").Append(Roff.Text(command.Description));
        if (command.Subcommands.Count > 0)
            sb.Append(".PP\nSubcommands: ")
              .Append(string.Join(", ", command.Subcommands.Select(s => Roff.Bold(s.Path[^1]))))
              .Append(".\n");
        foreach (var arg in command.Arguments)
        {
            sb.Append(".TP\n").Append(Roff.Italic(arg.Name)).Append('\n').Append(Roff.Escape(Roff.Flatten(arg.Description)));
            AppendValues(sb, arg.Values);
            sb.Append('\n');
        }
        // Options inherited from the parent (e.g. --help) are documented once, under OPTIONS.
        foreach (var option in command.Options.Where(o => parent.Options.All(p => p.Name != o.Name)))
            AppendOption(sb, option);
    }

    private static void AppendOption(StringBuilder sb, OptionInfo option)
    {
        sb.Append(".TP\n").Append(string.Join(", ", option.Names.Select(Roff.Bold)));
        if (option.ValueName is not null) sb.Append(' ').Append(Roff.Italic(option.ValueName));
        sb.Append('\n').Append(Roff.Escape(Roff.Flatten(option.Description)));
        AppendValues(sb, option.Values);
        if (option.Repeatable && !option.Description.Contains("repeatable", StringComparison.OrdinalIgnoreCase))
            sb.Append(" May be given more than once.");
        sb.Append('\n');
    }

    private static void AppendValues(StringBuilder sb, IReadOnlyList<string> values)
    {
        if (values.Count > 0) sb.Append(" One of: ").Append(string.Join(", ", values.Select(Roff.Bold))).Append('.');
    }

    private static string Synopsis(CommandInfo command)
    {
        var sb = new StringBuilder();
        sb.Append(".B ").Append(Roff.Escape(command.FullName)).Append('\n');
        if (command.Options.Count > 0) sb.Append("[\\fIOPTIONS\\fR]");
        bool dashDash = false;
        foreach (var arg in command.Arguments)
        {
            if (arg.Kind == ValueKind.CommandLine && !dashDash) { sb.Append(" [\\-\\-]"); dashDash = true; }
            var text = Roff.Italic(arg.Name) + (arg.Variadic ? "\\&..." : "");
            sb.Append(' ').Append(arg.Optional ? $"[{text}]" : text);
        }
        return sb.ToString().TrimEnd('\n');
    }

    private static CommandInfo ParentOf(CommandInfo root, CommandInfo command) =>
        root.SelfAndDescendants().First(c => c.Subcommands.Contains(command));

    // The root description reads "sysgate: what it does."; NAME wants just "what it does".
    private static string Summary(string description)
    {
        var text = description.StartsWith("sysgate:", StringComparison.Ordinal) ? description["sysgate:".Length..] : description;
        return text.Trim().TrimEnd('.');
    }
}
