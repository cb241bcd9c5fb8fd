using System.Runtime.InteropServices;

namespace Sysgate.Native.Ptrace;

/// <summary>
/// struct ptrace_syscall_info (linux/ptrace.h), filled by PTRACE_GET_SYSCALL_INFO and accepted by
/// PTRACE_SET_SYSCALL_INFO (6.16+). Arch-independent view of a syscall stop: the reason to prefer
/// it over raw registers.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 88)]
public struct PtraceSyscallInfo
{
    /// <summary>What kind of stop (entry, exit, seccomp).</summary>
    [FieldOffset(0)] public SyscallInfoOp Op;
    /// <summary>Reserved, must be zero for SET.</summary>
    [FieldOffset(1)] public byte Reserved;
    /// <summary>Flags (SET only; zero).</summary>
    [FieldOffset(2)] public ushort Flags;
    /// <summary>AUDIT_ARCH_* of the call.</summary>
    [FieldOffset(4)] public uint Arch;
    /// <summary>Instruction pointer.</summary>
    [FieldOffset(8)] public ulong InstructionPointer;
    /// <summary>Stack pointer.</summary>
    [FieldOffset(16)] public ulong StackPointer;
    /// <summary>Syscall number (entry and seccomp stops).</summary>
    [FieldOffset(24)] public ulong Nr;
    /// <summary>Return value (exit stop; overlaps <see cref="Nr"/>).</summary>
    [FieldOffset(24)] public long Rval;
    /// <summary>Non-zero when <see cref="Rval"/> is an error (exit stop).</summary>
    [FieldOffset(32)] public byte IsError;
    /// <summary>The six arguments (entry and seccomp stops).</summary>
    [FieldOffset(32)] public Args6 Args;
    /// <summary>SECCOMP_RET_DATA of the filter that returned RET_TRACE (seccomp stop).</summary>
    [FieldOffset(80)] public uint RetData;
}

/// <summary>Six syscall arguments, inline.</summary>
[System.Runtime.CompilerServices.InlineArray(6)]
public struct Args6
{
    private ulong _a0;
}
