using System.Runtime.InteropServices;

namespace Sysgate.Native.Ptrace;

/// <summary>struct user_regs_struct on x86_64 (sys/user.h), for PTRACE_GETREGS/SETREGS.</summary>
/// <remarks>Used to skip a call and set its return value at a seccomp stop: orig_rax = -1 skips,
/// rax becomes the result the tracee sees (seccomp(2), SECCOMP_RET_TRACE).</remarks>
[StructLayout(LayoutKind.Sequential)]
public struct UserRegsX86_64
{
#pragma warning disable CS1591 // register names are the documentation
    public ulong R15, R14, R13, R12, Rbp, Rbx, R11, R10, R9, R8, Rax, Rcx, Rdx, Rsi, Rdi, OrigRax,
        Rip, Cs, Eflags, Rsp, Ss, FsBase, GsBase, Ds, Es, Fs, Gs;
#pragma warning restore CS1591
}
