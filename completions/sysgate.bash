# bash completion for sysgate.
# Generated from the sysgate command tree by `sysgate completions bash`: do not edit.

_sysgate_spec() {
    case "$1" in
        'sysgate')
            subs='exec trace completions'
            opts='--help -h --version'
            ;;
        'sysgate exec')
            subs=''
            opts='--fd --strict --inherit-all --cwd --env --clear-env --help -h'
            ;;
        'sysgate trace')
            subs=''
            opts='--follow-forks -f --output-separately -ff --expr -e --output -o --string-limit -s --decode-fds -y --syscall-times -T --absolute-timestamps -t --absolute-timestamps-us -tt --absolute-timestamps-unix -ttt --summary-only -c --json --attach -p --help -h'
            ;;
        'sysgate completions')
            subs=''
            opts='--help -h'
            ;;
    esac
}

_sysgate_option_value() {
    case "$1|$2" in
        'sysgate exec|--fd') echo 'text' ;;
        'sysgate exec|--cwd') echo 'dir' ;;
        'sysgate exec|--env') echo 'text' ;;
        'sysgate trace|--expr') echo 'text' ;;
        'sysgate trace|-e') echo 'text' ;;
        'sysgate trace|--output') echo 'file' ;;
        'sysgate trace|-o') echo 'file' ;;
        'sysgate trace|--string-limit') echo 'text' ;;
        'sysgate trace|-s') echo 'text' ;;
        'sysgate trace|--attach') echo 'text' ;;
        'sysgate trace|-p') echo 'text' ;;
        *) return 1 ;;
    esac
}

_sysgate_argument() {
    case "$1" in
        'sysgate exec') echo 'cmd' ;;
        'sysgate trace') echo 'cmd' ;;
        'sysgate completions') echo 'choice:bash zsh fish' ;;
        *) return 1 ;;
    esac
}

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
