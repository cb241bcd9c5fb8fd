namespace Sysgate.Syscalls;

/// <summary>
/// Families of system calls, as strace's <c>%file</c>, <c>%desc</c>... trace classes. A call belongs to
/// every class whose bit is set. Used to select interest sets by class for decoding, BPF and vetting.
/// </summary>
[Flags]
public enum SyscallClass : uint
{
    /// <summary>No class.</summary>
    None = 0,
    /// <summary>%file: takes a file name argument.</summary>
    File = 1 << 0,
    /// <summary>%desc: takes or returns a file descriptor.</summary>
    Desc = 1 << 1,
    /// <summary>%network: sockets.</summary>
    Network = 1 << 2,
    /// <summary>%process: process lifecycle (fork, exec, exit, wait).</summary>
    Process = 1 << 3,
    /// <summary>%signal: signal handling and delivery.</summary>
    Signal = 1 << 4,
    /// <summary>%ipc: SysV IPC.</summary>
    Ipc = 1 << 5,
    /// <summary>%memory: memory mapping.</summary>
    Memory = 1 << 6,
    /// <summary>%creds: user/group ids and capabilities.</summary>
    Creds = 1 << 7,
    /// <summary>%clock: reading or changing clocks and timers.</summary>
    Clock = 1 << 8,
    /// <summary>%stat: stat variants taking a path.</summary>
    Stat = 1 << 9,
    /// <summary>%lstat: lstat variants.</summary>
    Lstat = 1 << 10,
    /// <summary>%fstat: stat variants taking a descriptor.</summary>
    Fstat = 1 << 11,
    /// <summary>%statfs: statfs variants taking a path.</summary>
    StatFs = 1 << 12,
    /// <summary>%fstatfs: statfs variants taking a descriptor.</summary>
    FStatFs = 1 << 13,
    /// <summary>%pure: no arguments, always succeeds (getpid, getuid...).</summary>
    Pure = 1 << 14,
    /// <summary>strace's %%stat: every stat variant.</summary>
    StatLike = Stat | Lstat | Fstat,
    /// <summary>strace's %%statfs: every statfs variant.</summary>
    StatFsLike = StatFs | FStatFs,
}
