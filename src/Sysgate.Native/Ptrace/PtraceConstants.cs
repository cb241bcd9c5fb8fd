namespace Sysgate.Native.Ptrace;

/// <summary>ptrace(2) requests used by Sysgate (linux/ptrace.h).</summary>
public static class PtraceRequest
{
#pragma warning disable CS1591 // the kernel names are the documentation
    public const long Cont = 7, Kill = 8, Detach = 17, Syscall = 24,
        SetOptions = 0x4200, GetEventMsg = 0x4201, GetSigInfo = 0x4202,
        GetRegSet = 0x4204, SetRegSet = 0x4205, Seize = 0x4206, Interrupt = 0x4207, Listen = 0x4208,
        GetSyscallInfo = 0x420e, SetSyscallInfo = 0x4212;
    public const long GetRegs = 12, SetRegs = 13; // x86_64 only
#pragma warning restore CS1591
}

/// <summary>PTRACE_O_* options.</summary>
[Flags]
public enum PtraceOptions : long
{
#pragma warning disable CS1591
    None = 0,
    TraceSysGood = 0x01,
    TraceFork = 0x02,
    TraceVFork = 0x04,
    TraceClone = 0x08,
    TraceExec = 0x10,
    TraceVForkDone = 0x20,
    TraceExit = 0x40,
    TraceSeccomp = 0x80,
    ExitKill = 0x100000,
#pragma warning restore CS1591
}

/// <summary>PTRACE_EVENT_* values found in bits 16..23 of a wait status.</summary>
public enum PtraceEvent
{
#pragma warning disable CS1591
    None = 0, Fork = 1, VFork = 2, Clone = 3, Exec = 4, VForkDone = 5, Exit = 6, Seccomp = 7, Stop = 128,
#pragma warning restore CS1591
}

/// <summary>waitpid flags for tracers.</summary>
public static class WaitFlags
{
    /// <summary>WNOHANG.</summary>
    public const int NoHang = 1;
    /// <summary>__WNOTHREAD: only children/tracees of the calling thread, so a tracer never reaps
    /// children that other threads of this process spawned.</summary>
    public const int NoThread = 0x20000000;
    /// <summary>__WALL: clone children and threads too.</summary>
    public const int All = 0x40000000;
}

/// <summary>PTRACE_SYSCALL_INFO_* (the op field of <see cref="PtraceSyscallInfo"/>).</summary>
public enum SyscallInfoOp : byte
{
#pragma warning disable CS1591
    None = 0, Entry = 1, Exit = 2, Seccomp = 3,
#pragma warning restore CS1591
}
