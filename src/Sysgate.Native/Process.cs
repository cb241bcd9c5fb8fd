using System.Runtime.InteropServices;

namespace Sysgate.Native;

/// <summary>fcntl(2) commands and flags.</summary>
public static class FcntlConst
{
#pragma warning disable CS1591 // the names are the documentation
    public const int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_DUPFD_CLOEXEC = 1030;
    public const int FD_CLOEXEC = 1;
#pragma warning restore CS1591
}

/// <summary>open(2) flags (asm-generic values, same on x86_64 and aarch64 except where noted).</summary>
public static class OpenFlags
{
#pragma warning disable CS1591 // the names are the documentation
    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80, O_NOCTTY = 0x100,
        O_TRUNC = 0x200, O_APPEND = 0x400, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    /// <summary>access(2) mode: executable.</summary>
    public const int X_OK = 1;
#pragma warning restore CS1591
}

/// <summary>posix_spawnattr_setflags(3) flags (glibc values).</summary>
public static class PosixSpawnFlags
{
#pragma warning disable CS1591 // the names are the documentation
    public const short RESETIDS = 0x01, SETPGROUP = 0x02, SETSIGDEF = 0x04, SETSIGMASK = 0x08,
        SETSCHEDPARAM = 0x10, SETSCHEDULER = 0x20, USEVFORK = 0x40, SETSID = 0x80;
#pragma warning restore CS1591

    /// <summary>Bytes to allocate for posix_spawn_file_actions_t (80 on glibc x86_64; generous on purpose).</summary>
    public const int FileActionsSize = 512;
    /// <summary>Bytes to allocate for posix_spawnattr_t (336 on glibc x86_64; generous on purpose).</summary>
    public const int AttrSize = 512;
    /// <summary>Bytes to allocate for a sigset_t (128 on glibc).</summary>
    public const int SigsetSize = 128;
}

/// <summary>waitid(2) id types, options and si_code values.</summary>
public static class WaitConst
{
#pragma warning disable CS1591 // the names are the documentation
    public const int P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;
    public const int WNOHANG = 1, WSTOPPED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x01000000;
    public const int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_TRAPPED = 4, CLD_STOPPED = 5, CLD_CONTINUED = 6;
#pragma warning restore CS1591
}

/// <summary>The siginfo_t fields waitid(2) fills for SIGCHLD (128 bytes in total).</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
public struct SigInfo
{
    /// <summary>si_signo.</summary>
    [FieldOffset(0)] public int Signo;
    /// <summary>si_errno.</summary>
    [FieldOffset(4)] public int Errno;
    /// <summary>si_code (CLD_EXITED, CLD_KILLED, CLD_DUMPED ...).</summary>
    [FieldOffset(8)] public int Code;
    /// <summary>si_pid (0 after WNOHANG when the child has not changed state).</summary>
    [FieldOffset(16)] public int Pid;
    /// <summary>si_uid.</summary>
    [FieldOffset(20)] public uint Uid;
    /// <summary>si_status: the exit code or the signal number.</summary>
    [FieldOffset(24)] public int Status;
}

/// <summary>struct rlimit.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct RLimit
{
    /// <summary>rlim_cur (soft limit).</summary>
    public ulong Current;
    /// <summary>rlim_max (hard limit).</summary>
    public ulong Max;

    /// <summary>RLIMIT_NOFILE.</summary>
    public const int RLIMIT_NOFILE = 7;
}

