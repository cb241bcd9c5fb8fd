namespace Sysgate.Native.Ptrace;

/// <summary>Decodes a waitpid status word (the W* macros of sys/wait.h).</summary>
public readonly record struct WaitStatus(int Raw)
{
    /// <summary>WIFEXITED.</summary>
    public bool Exited => (Raw & 0x7f) == 0;
    /// <summary>WEXITSTATUS.</summary>
    public int ExitCode => (Raw >> 8) & 0xff;
    /// <summary>WIFSIGNALED.</summary>
    public bool Signaled => ((sbyte)((Raw & 0x7f) + 1) >> 1) > 0;
    /// <summary>WTERMSIG.</summary>
    public int TermSignal => Raw & 0x7f;
    /// <summary>WCOREDUMP.</summary>
    public bool CoreDumped => (Raw & 0x80) != 0;
    /// <summary>WIFSTOPPED.</summary>
    public bool Stopped => (Raw & 0xff) == 0x7f;
    /// <summary>WSTOPSIG (with the 0x80 bit of TRACESYSGOOD syscall stops).</summary>
    public int StopSignal => (Raw >> 8) & 0xff;
    /// <summary>The PTRACE_EVENT_* of a ptrace event stop, else None.</summary>
    public PtraceEvent Event => (PtraceEvent)((Raw >> 16) & 0xff);
}
