using System.Text;

namespace Sysgate.Cli.Docs;

/// <summary>
/// Generates the zsh completion script: one <c>_arguments</c> function per command, dispatching to the
/// subcommand's function by name. Works both autoloaded from site-functions and sourced.
/// </summary>
internal static class ZshCompletionWriter
{
    /// <summary>The script for <paramref name="root"/>.</summary>
    public static string Write(CommandInfo root)
    {
        var sb = new StringBuilder();
        sb.Append("#compdef sysgate\n");
        sb.Append("# zsh completion for sysgate.\n");
        sb.Append("# Generated from the sysgate command tree by `sysgate completions zsh`: do not edit.\n\n");
        foreach (var c in root.SelfAndDescendants()) AppendFunction(sb, c);
        sb.Append("""
            if [ "$funcstack[1]" = "_sysgate" ]; then
                _sysgate "$@"
            else
                compdef _sysgate sysgate
            fi

            """);
        return sb.ToString();
    }

    private static string FunctionName(CommandInfo c) =>
        c.Path.Count == 1 ? "_sysgate" : "_sysgate__" + string.Join("__", c.Path.Skip(1)).Replace('-', '_');

    private static void AppendFunction(StringBuilder sb, CommandInfo c)
    {
        sb.Append(FunctionName(c)).Append("() {\n");
        sb.Append("    local curcontext=\"$curcontext\" state line ret=1\n");
        sb.Append("    typeset -A opt_args\n");
        sb.Append("    _arguments -s -S -C");
        foreach (var o in c.Options)
            foreach (var spec in OptionSpecs(o))
                sb.Append(" \\\n        ").Append(ShellQuote.Posix(spec));
        if (c.Subcommands.Count > 0)
        {
            sb.Append(" \\\n        '1: :->command' \\\n        '*:: :->argument' && ret=0\n");
            sb.Append("    case $state in\n");
            sb.Append("        command)\n            local -a commands\n            commands=(");
            foreach (var s in c.Subcommands)
                sb.Append("\n                ").Append(ShellQuote.Posix($"{s.Path[^1]}:{Roff.FirstLine(s.Description).Replace(":", "\\:")}"));
            sb.Append("\n            )\n            _describe -t commands 'sysgate command' commands && ret=0\n            ;;\n");
            sb.Append("        argument)\n            case $words[1] in\n");
            foreach (var s in c.Subcommands)
                sb.Append("                ").Append(ShellQuote.Posix(s.Path[^1])).Append(") ").Append(FunctionName(s)).Append(" && ret=0 ;;\n");
            sb.Append("            esac\n            ;;\n    esac\n");
        }
        else
        {
            int position = 1;
            foreach (var a in c.Arguments)
                sb.Append(" \\\n        ").Append(ShellQuote.Posix(ArgumentSpec(a, position++)));
            sb.Append(" && ret=0\n");
        }
        sb.Append("    return ret\n}\n\n");
    }

    private static IEnumerable<string> OptionSpecs(OptionInfo o)
    {
        var description = Escape(Roff.FirstLine(o.Description));
        var exclusion = o.Repeatable ? "*" : o.Names.Count > 1 ? $"({string.Join(' ', o.Names)})" : "";
        // --help and --version end the command line: nothing else is offered after them.
        if (o.Name is "--help" or "--version") exclusion = "(- *)";
        var value = o.ValueName is null ? "" : $":{Escape(o.ValueName)}:{Action(o.Kind, o.Values)}";
        foreach (var name in o.Names)
            yield return $"{exclusion}{name}[{description}]{value}";
    }

    private static string ArgumentSpec(ArgumentInfo a, int position)
    {
        var name = Escape(a.Name);
        if (a.Kind == ValueKind.CommandLine && a.Variadic) return $"*::{name}:_normal";
        if (a.Variadic) return $"*:{name}:{Action(a.Kind == ValueKind.CommandLine ? ValueKind.File : a.Kind, a.Values)}";
        return $"{position}:{name}:{Action(a.Kind, a.Values)}";
    }

    private static string Action(ValueKind kind, IReadOnlyList<string> values) => kind switch
    {
        ValueKind.Choice => $"({string.Join(' ', values)})",
        ValueKind.File => "_files",
        ValueKind.Directory => "_files -/",
        ValueKind.CommandLine => "_command_names -e",
        _ => " ",
    };

    // Inside an _arguments spec, ':' '[' ']' and backslash are syntax.
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace(":", "\\:").Replace("[", "\\[").Replace("]", "\\]");
}
