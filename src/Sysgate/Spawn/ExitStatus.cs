namespace Sysgate.Spawn;

/// <summary>How a child ended: an exit code or a terminating signal.</summary>
public readonly record struct ExitStatus
{
    /// <summary>The exit code, when the child exited.</summary>
    public int? ExitCode { get; init; }
    /// <summary>The signal that killed the child, when it was killed.</summary>
    public int? TermSignal { get; init; }
    /// <summary>Whether a core dump was written.</summary>
    public bool CoreDumped { get; init; }

    /// <summary>The status as a shell reports it: the exit code, or 128 + signal.</summary>
    public int ShellExitCode => ExitCode ?? 128 + (TermSignal ?? 0);

    /// <summary>An exit with <paramref name="code"/>.</summary>
    public static ExitStatus Exited(int code) => new() { ExitCode = code };

    /// <summary>Death by <paramref name="signal"/>.</summary>
    public static ExitStatus Killed(int signal, bool coreDumped) => new() { TermSignal = signal, CoreDumped = coreDumped };

    /// <inheritdoc/>
    public override string ToString() => ExitCode is int c ? $"exit {c}" : $"killed by signal {TermSignal}{(CoreDumped ? " (core dumped)" : "")}";
}
