using System.Text;

namespace Sysgate.Cli.Docs;

/// <summary>
/// Generates the fish completion script: a small helper finds which command the cursor is in (from
/// generated tables), and each subcommand/option becomes one <c>complete</c> line guarded by it.
/// </summary>
internal static class FishCompletionWriter
{
    /// <summary>The script for <paramref name="root"/>.</summary>
    public static string Write(CommandInfo root)
    {
        var sb = new StringBuilder();
        sb.Append("# fish completion for sysgate.\n");
        sb.Append("# Generated from the sysgate command tree by `sysgate completions fish`: do not edit.\n\n");
        var all = root.SelfAndDescendants().ToList();
        sb.Append("set -g __sysgate_commands");
        foreach (var c in all) sb.Append(' ').Append(ShellQuote.Fish(c.FullName));
        sb.Append("\nset -g __sysgate_value_options");
        foreach (var c in all)
            foreach (var o in c.Options.Where(o => o.ValueName is not null))
                foreach (var n in o.Names) sb.Append(' ').Append(ShellQuote.Fish($"{c.FullName}|{n}"));
        sb.Append('\n').Append(Helpers);

        sb.Append("complete -c sysgate -f\n");
        sb.Append("complete -c sysgate -n '__sysgate_after_dashdash 0' -k -a '(__fish_complete_command)'\n");
        sb.Append("complete -c sysgate -n '__sysgate_after_dashdash 1' -F\n");
        foreach (var c in all)
        {
            var when = ShellQuote.Fish($"__sysgate_is {ShellQuote.Fish(c.FullName)}");
            foreach (var s in c.Subcommands)
                sb.Append($"complete -c sysgate -n {when} -a {ShellQuote.Fish(s.Path[^1])} -d {ShellQuote.Fish(Roff.FirstLine(s.Description))}\n");
            foreach (var o in c.Options)
            {
                sb.Append($"complete -c sysgate -n {when}");
                foreach (var n in o.Names)
                {
                    if (n.StartsWith("--", StringComparison.Ordinal)) sb.Append(" -l ").Append(ShellQuote.Fish(n[2..]));
                    else if (n.Length == 2) sb.Append(" -s ").Append(ShellQuote.Fish(n[1..]));
                    else sb.Append(" -o ").Append(ShellQuote.Fish(n[1..]));
                }
                if (o.ValueName is not null) sb.Append(" -r").Append(Values(o.Kind, o.Values));
                sb.Append(" -d ").Append(ShellQuote.Fish(Roff.FirstLine(o.Description))).Append('\n');
            }
            if (c.Arguments.Count > 0)
                sb.Append($"complete -c sysgate -n {when}{Values(c.Arguments[0].Kind, c.Arguments.SelectMany(a => a.Values).ToList())}\n");
        }
        return sb.ToString();
    }

    private static string Values(ValueKind kind, IReadOnlyList<string> values) => kind switch
    {
        ValueKind.Choice => " -a " + ShellQuote.Fish(string.Join(' ', values)),
        ValueKind.File => " -F",
        ValueKind.Directory => " -a '(__fish_complete_directories)'",
        ValueKind.CommandLine => " -a '(__fish_complete_command)'",
        _ => "",
    };

    private const string Helpers = """

        # Prints the command the cursor is in ("sysgate exec"), or "--" followed by the number of words
        # already typed after a "--" (the program and its arguments).
        function __sysgate_state
            set -l path sysgate
            set -l skip 0
            set -l after -1
            for t in (commandline -opc)[2..-1]
                if test $after -ge 0
                    set after (math $after + 1)
                    continue
                end
                if test $skip -eq 1
                    set skip 0
                    continue
                end
                if test "$t" = --
                    set after 0
                else if contains -- "$path|$t" $__sysgate_value_options
                    set skip 1
                else if contains -- "$path $t" $__sysgate_commands
                    set path "$path $t"
                end
            end
            if test $after -ge 0
                echo "-- $after"
            else
                echo $path
            end
        end

        function __sysgate_is
            test (__sysgate_state) = "$argv[1]"
        end

        # True after "--": with 0, at the program word; with 1, at one of its arguments.
        function __sysgate_after_dashdash
            set -l state (string split ' ' -- (__sysgate_state))
            test "$state[1]" = -- ; or return 1
            if test "$argv[1]" -eq 0
                test "$state[2]" -eq 0
            else
                test "$state[2]" -gt 0
            end
        end


        """;
}
