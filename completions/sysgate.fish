# fish completion for sysgate.
# Generated from the sysgate command tree by `sysgate completions fish`: do not edit.

set -g __sysgate_commands 'sysgate' 'sysgate exec' 'sysgate trace' 'sysgate completions'
set -g __sysgate_value_options 'sysgate exec|--fd' 'sysgate exec|--cwd' 'sysgate exec|--env' 'sysgate trace|--expr' 'sysgate trace|-e' 'sysgate trace|--output' 'sysgate trace|-o' 'sysgate trace|--string-limit' 'sysgate trace|-s' 'sysgate trace|--attach' 'sysgate trace|-p'

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

complete -c sysgate -f
complete -c sysgate -n '__sysgate_after_dashdash 0' -k -a '(__fish_complete_command)'
complete -c sysgate -n '__sysgate_after_dashdash 1' -F
complete -c sysgate -n '__sysgate_is \'sysgate\'' -a 'exec' -d 'Run a program with exactly the file descriptors you designate: every other fd of sysgate is closed'
complete -c sysgate -n '__sysgate_is \'sysgate\'' -a 'trace' -d 'Trace the system calls of a program, strace style: one line per call, on stderr (or -o FILE),'
complete -c sysgate -n '__sysgate_is \'sysgate\'' -a 'completions' -d 'Print a shell completion script (bash, zsh or fish) for sysgate.'
complete -c sysgate -n '__sysgate_is \'sysgate\'' -l 'help' -s 'h' -d 'Show help and usage information'
complete -c sysgate -n '__sysgate_is \'sysgate\'' -l 'version' -d 'Show version information'
complete -c sysgate -n '__sysgate_is \'sysgate exec\'' -l 'fd' -r -d 'Designate a child fd: CHILD=PARENT, CHILD=PATH[:r|w|rw|a] or CHILD=- (repeatable).'
complete -c sysgate -n '__sysgate_is \'sysgate exec\'' -l 'strict' -d 'Refuse to run if sysgate holds undesignated fds without FD_CLOEXEC (names each).'
complete -c sysgate -n '__sysgate_is \'sysgate exec\'' -l 'inherit-all' -d 'Old execve behaviour: also pass every fd without FD_CLOEXEC.'
complete -c sysgate -n '__sysgate_is \'sysgate exec\'' -l 'cwd' -r -a '(__fish_complete_directories)' -d 'Working directory of the program.'
complete -c sysgate -n '__sysgate_is \'sysgate exec\'' -l 'env' -r -d 'Set an environment variable for the program (repeatable).'
complete -c sysgate -n '__sysgate_is \'sysgate exec\'' -l 'clear-env' -d 'Start from an empty environment (then apply --env).'
complete -c sysgate -n '__sysgate_is \'sysgate exec\'' -l 'help' -s 'h' -d 'Show help and usage information'
complete -c sysgate -n '__sysgate_is \'sysgate exec\'' -a '(__fish_complete_command)'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -l 'follow-forks' -s 'f' -d 'Print the calls of child processes and threads too (with [pid N]).'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -l 'output-separately' -o 'ff' -d 'Like -f; with -o FILE each process writes FILE.PID.'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -l 'expr' -s 'e' -r -d 'trace=SET, status=successful|failed|unfinished, inject=SET:error=ERRNO|retval=N[:when=N|N+|N+S] (repeatable).'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -l 'output' -s 'o' -r -F -d 'Write the trace to FILE instead of stderr.'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -l 'string-limit' -s 's' -r -d 'Print at most N bytes of each string (default 32).'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -l 'decode-fds' -s 'y' -d 'Print the path behind each fd: 3</etc/hostname>.'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -l 'syscall-times' -s 'T' -d 'Show the time spent in each call: <0.000012>.'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -l 'absolute-timestamps' -s 't' -d 'Prefix each line with the time of day.'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -l 'absolute-timestamps-us' -o 'tt' -d 'Prefix each line with the time of day, with microseconds.'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -l 'absolute-timestamps-unix' -o 'ttt' -d 'Prefix each line with seconds since the epoch, with microseconds.'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -l 'summary-only' -s 'c' -d 'Count calls, errors and time per syscall; print the table at the end.'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -l 'json' -d 'One JSON object per event (syscall, signal, exit) instead of strace lines.'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -l 'attach' -s 'p' -r -d 'Attach to a running process and its threads (Ctrl-C detaches).'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -l 'help' -s 'h' -d 'Show help and usage information'
complete -c sysgate -n '__sysgate_is \'sysgate trace\'' -a '(__fish_complete_command)'
complete -c sysgate -n '__sysgate_is \'sysgate completions\'' -l 'help' -s 'h' -d 'Show help and usage information'
complete -c sysgate -n '__sysgate_is \'sysgate completions\'' -a 'bash zsh fish'
