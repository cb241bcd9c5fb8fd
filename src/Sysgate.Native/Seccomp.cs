using System.Runtime.InteropServices;

namespace Sysgate.Native;

/// <summary>Minimal seccomp/prctl constants (linux/seccomp.h, linux/prctl.h, linux/filter.h).</summary>
public static class SeccompConst
{
#pragma warning disable CS1591 // the names are the documentation
    public const int PR_SET_NO_NEW_PRIVS = 38;
    public const uint SET_MODE_FILTER = 1;
    public const uint RET_KILL_PROCESS = 0x80000000, RET_ERRNO = 0x00050000, RET_ALLOW = 0x7fff0000;
    /// <summary>Offsets into struct seccomp_data.</summary>
    public const uint DataNr = 0, DataArch = 4;
    /// <summary>Classic BPF opcodes used by small filters.</summary>
    public const ushort BPF_LD_W_ABS = 0x20, BPF_JMP_JEQ_K = 0x15, BPF_RET_K = 0x06;
#pragma warning restore CS1591
}

/// <summary>struct sock_filter: one classic BPF instruction.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SockFilter
{
    /// <summary>Opcode.</summary>
    public ushort Code;
    /// <summary>Jump offset if true.</summary>
    public byte Jt;
    /// <summary>Jump offset if false.</summary>
    public byte Jf;
    /// <summary>Constant operand.</summary>
    public uint K;

    /// <summary>Builds an instruction.</summary>
    public SockFilter(ushort code, byte jt, byte jf, uint k) { Code = code; Jt = jt; Jf = jf; K = k; }
}

/// <summary>struct sock_fprog: a BPF program (length + pointer to the instructions).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct SockFprog
{
    /// <summary>Number of instructions.</summary>
    public ushort Len;
    /// <summary>The instructions.</summary>
    public SockFilter* Filter;
}
