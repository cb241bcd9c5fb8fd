using System.Runtime.InteropServices;

namespace Sysgate.Native.Seccomp;

/// <summary>struct sock_filter: one classic BPF instruction.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct SockFilter(ushort Code, byte Jt, byte Jf, uint K)
{
    /// <inheritdoc/>
    public override string ToString() => $"{{ 0x{Code:x2}, {Jt}, {Jf}, 0x{K:x8} }}";
}

/// <summary>struct sock_fprog: a BPF program as passed to seccomp(SECCOMP_SET_MODE_FILTER).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct SockFprog
{
    /// <summary>Number of instructions.</summary>
    public ushort Length;
    /// <summary>The instructions (must stay valid during the seccomp call).</summary>
    public SockFilter* Filter;
}
