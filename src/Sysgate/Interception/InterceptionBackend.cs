namespace Sysgate.Interception;

/// <summary>Which kernel mechanism stopped a traced call.</summary>
public enum InterceptionBackend
{
    /// <summary>Not a real call: the warm-up event sent once before the filter goes in (see <see cref="SyscallEvent.IsWarmup"/>).</summary>
    None,
    /// <summary>seccomp user notification (SECCOMP_RET_USER_NOTIF): fast, can fail/fake/inject fds, cannot alter or watch results.</summary>
    SeccompNotify,
    /// <summary>ptrace (PTRACE_EVENT_SECCOMP / syscall stops): slower, can alter arguments and see results.</summary>
    Ptrace,
}
