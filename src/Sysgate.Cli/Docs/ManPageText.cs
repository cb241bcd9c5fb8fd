namespace Sysgate.Cli.Docs;

/// <summary>
/// The hand-written prose sections of sysgate(1), in roff. Edit here, then run scripts/regenerate-docs.
/// Per-command and per-option text is NOT here: it comes from the descriptions in the command tree.
/// </summary>
internal static class ManPageText
{
    public const string Description = """
        .SH DESCRIPTION
        .B sysgate
        starts programs with exactly the file descriptors you designate and traces or sandboxes the
        system calls they make. It is built for being started from scripts many times over: it is a
        single native executable that starts in a few milliseconds.
        .PP
        Safe exec: a child started by
        .B sysgate exec
        receives the descriptors named with
        .B \-\-fd
        (plus standard input, output and error unless told otherwise) and no other; every other
        descriptor of the caller is closed in the child, whether or not it was marked close\-on\-exec.
        .PP
        Interposition uses seccomp user notification (see
        .BR seccomp (2)),
        with ptrace where a result has to be seen or changed.
        .PP
        Every command accepts
        .B \-h
        and
        .BR \-\-help .
        Everything after
        .B \-\-
        is the program to run and its own arguments, never options of sysgate.

        """;

    public const string Examples = """
        .SH EXAMPLES
        Run a program whose descriptor 3 is our standard output and which inherits nothing else:
        .PP
        .RS
        .EX
        sysgate exec \-\-fd 3=1 \-\- ls \-l /proc/self/fd
        .EE
        .RE
        .PP
        Give a child a log file opened for appending as descriptor 4:
        .PP
        .RS
        .EX
        sysgate exec \-\-fd 4=/var/log/job.log:a \-\- ./job
        .EE
        .RE
        .PP
        Enable tab completion in the current bash session:
        .PP
        .RS
        .EX
        source <(sysgate completions bash)
        .EE
        .RE

        """;

    public const string ExitStatus = """
        .SH EXIT STATUS
        .TP
        .B 0
        Success.
        .TP
        .B 1
        The command line could not be parsed (unknown command or option, missing argument); the error
        and the usage go to standard error.
        .TP
        .B 2
        A value was rejected before anything ran (for example a malformed
        .BR \-\-fd );
        one line on standard error says why.
        .TP
        .B 126
        The program exists but could not be executed.
        .TP
        .B 127
        The program was not found.
        .PP
        Otherwise commands that run a program
        .RB ( exec )
        exit with that program's exit status, or 128 plus the signal number when it was killed by a
        signal, as a shell does.

        """;

    public const string Files = """
        .SH FILES
        Installed by
        .BR scripts/install ,
        under a prefix of /usr/local by default:
        .TP
        .I share/bash\-completion/completions/sysgate
        bash completion.
        .TP
        .I share/zsh/site\-functions/_sysgate
        zsh completion.
        .TP
        .I share/fish/vendor_completions.d/sysgate.fish
        fish completion.

        """;

    public const string SeeAlso = """
        .SH SEE ALSO
        .BR strace (1),
        .BR seccomp (2),
        .BR ptrace (2),
        .BR execve (2),
        .BR close_range (2)

        """;
}
