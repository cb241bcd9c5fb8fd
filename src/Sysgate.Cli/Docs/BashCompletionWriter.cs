using System.Text;

namespace Sysgate.Cli.Docs;

/// <summary>
/// Generates the bash completion script. The command-specific part is data (case tables keyed by the
/// command path); the walking logic is fixed, so new subcommands only add table rows.
/// </summary>
internal static class BashCompletionWriter
{
    /// <summary>The script for <paramref name="root"/>; registers <c>_sysgate</c> for <c>sysgate</c>.</summary>
    public static string Write(CommandInfo root)
    {
        var sb = new StringBuilder();
        sb.Append("# bash completion for sysgate.\n");
        sb.Append("# Generated from the sysgate command tree by `sysgate completions bash`: do not edit.\n\n");

        // Table 1: subcommands and options of each command.
        sb.Append("_sysgate_spec() {\n    case \"$1\" in\n");
        foreach (var c in root.SelfAndDescendants())
        {
            sb.Append("        ").Append(ShellQuote.Posix(c.FullName)).Append(")\n");
            sb.Append("            subs=").Append(ShellQuote.Posix(string.Join(' ', c.Subcommands.Select(s => s.Path[^1])))).Append('\n');
            sb.Append("            opts=").Append(ShellQuote.Posix(string.Join(' ', c.Options.SelectMany(o => o.Names)))).Append('\n');
            sb.Append("            ;;\n");
        }
        sb.Append("    esac\n}\n\n");

        // Table 2: options that take a value, with what the value is.
        sb.Append("_sysgate_option_value() {\n    case \"$1|$2\" in\n");
        foreach (var c in root.SelfAndDescendants())
            foreach (var o in c.Options.Where(o => o.ValueName is not null))
                foreach (var name in o.Names)
                    sb.Append("        ").Append(ShellQuote.Posix($"{c.FullName}|{name}")).Append(") echo ")
                      .Append(ShellQuote.Posix(Kind(o.Kind, o.Values))).Append(" ;;\n");
        sb.Append("        *) return 1 ;;\n    esac\n}\n\n");

        // Table 3: what the positional arguments of each command are.
        sb.Append("_sysgate_argument() {\n    case \"$1\" in\n");
        foreach (var c in root.SelfAndDescendants().Where(c => c.Arguments.Count > 0))
            sb.Append("        ").Append(ShellQuote.Posix(c.FullName)).Append(") echo ")
              .Append(ShellQuote.Posix(Kind(c.Arguments[0].Kind, c.Arguments.SelectMany(a => a.Values).ToList()))).Append(" ;;\n");
        sb.Append("        *) return 1 ;;\n    esac\n}\n");

        sb.Append(Logic);
        return sb.ToString();
    }

    private static string Kind(ValueKind kind, IReadOnlyList<string> values) => kind switch
    {
        ValueKind.Choice => "choice:" + string.Join(' ', values),
        ValueKind.File => "file",
        ValueKind.Directory => "dir",
        ValueKind.CommandLine => "cmd",
        _ => "text",
    };

    private const string Logic = """

        _sysgate_add() {
            # Appends compgen output to COMPREPLY, one candidate per line (file names may hold spaces).
            mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen "$@")
        }

        _sysgate_complete_kind() {
            local kind="$1" cur="$2"
            case "$kind" in
                choice:*) _sysgate_add -W "${kind#choice:}" -- "$cur" ;;
                file) compopt -o filenames 2>/dev/null; _sysgate_add -f -- "$cur" ;;
                dir) compopt -o filenames 2>/dev/null; _sysgate_add -d -- "$cur" ;;
                cmd) compopt -o filenames 2>/dev/null; _sysgate_add -c -- "$cur" ;;
            esac
        }

        _sysgate() {
            COMPREPLY=()
            local cur="${COMP_WORDS[COMP_CWORD]}" prev="" cmd="sysgate" subs opts kind w i
            local dashdash=-1 npos=0
            (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"
            # "--cwd=/us": bash gives "--cwd" "=" "/us"; complete the value of the option before "=".
            [[ $prev == = ]] && (( COMP_CWORD > 1 )) && prev="${COMP_WORDS[COMP_CWORD-2]}"
            # Walk the words before the cursor: follow subcommands, skip option values, stop at "--".
            for (( i = 1; i < COMP_CWORD; i++ )); do
                w="${COMP_WORDS[i]}"
                if [[ $w == -- ]]; then dashdash=$i; break; fi
                # bash splits "--fd 3=1" at '=' (COMP_WORDBREAKS): "=" and the word after it are one value.
                if [[ $w == = ]]; then (( i++ )); continue; fi
                if _sysgate_option_value "$cmd" "$w" >/dev/null; then (( i++ )); continue; fi
                [[ $w == -* ]] && continue
                subs=""; _sysgate_spec "$cmd"
                if [[ " $subs " == *" $w "* ]]; then cmd="$cmd $w"; npos=0; else (( npos++ )); fi
            done
            subs=""; opts=""; _sysgate_spec "$cmd"

            if (( dashdash >= 0 )); then
                # After "--": the program, then its own arguments.
                if (( COMP_CWORD == dashdash + 1 )); then _sysgate_complete_kind cmd "$cur"
                else _sysgate_complete_kind file "$cur"; fi
                return 0
            fi
            if (( COMP_CWORD > 1 )) && kind=$(_sysgate_option_value "$cmd" "$prev"); then
                _sysgate_complete_kind "$kind" "$cur"
                return 0
            fi
            if [[ $cur == -* ]]; then
                _sysgate_add -W "$opts" -- "$cur"
                return 0
            fi
            _sysgate_add -W "$subs" -- "$cur"
            if kind=$(_sysgate_argument "$cmd"); then
                # A command line argument: the first word is a program, the rest are its files.
                [[ $kind == cmd ]] && (( npos > 0 )) && kind=file
                _sysgate_complete_kind "$kind" "$cur"
            fi
            return 0
        }

        complete -F _sysgate sysgate

        """;
}
