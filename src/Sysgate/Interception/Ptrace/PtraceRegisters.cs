using Sysgate.Native;
using Sysgate.Native.Interop;
using Sysgate.Native.Ptrace;

namespace Sysgate.Interception.Ptrace;

/// <summary>Register edits at a syscall stop: skip a call with a result, replace a result, alter a call.
/// Tracer thread only; ESRCH (the tracee died meanwhile) is ignored, its exit comes from waitpid.</summary>
internal static unsafe class PtraceRegisters
{
    public static void SkipWithResult(int tid, long result)
    {
        // seccomp(2), SECCOMP_RET_TRACE: setting the syscall number to -1 skips the call, and the
        // tracee sees the value we put in the return register.
        if (HostArch.Current != Arch.X86_64)
            throw new PlatformNotSupportedException("skipping a call under ptrace is implemented for x86_64 only");
        UserRegsX86_64 regs;
        if (Libc.Ptrace(PtraceRequest.GetRegs, tid, 0, (nint)(&regs)) < 0) return;
        regs.OrigRax = ulong.MaxValue;
        regs.Rax = (ulong)result;
        Libc.Ptrace(PtraceRequest.SetRegs, tid, 0, (nint)(&regs));
    }

    public static void SetResult(int tid, long result)
    {
        if (HostArch.Current != Arch.X86_64)
            throw new PlatformNotSupportedException("replacing a result under ptrace is implemented for x86_64 only");
        UserRegsX86_64 regs;
        if (Libc.Ptrace(PtraceRequest.GetRegs, tid, 0, (nint)(&regs)) < 0) return;
        regs.Rax = (ulong)result;
        Libc.Ptrace(PtraceRequest.SetRegs, tid, 0, (nint)(&regs));
    }

    public static void SetCall(int tid, ref PtraceCall call)
    {
        if (HostArch.Current != Arch.X86_64)
            throw new PlatformNotSupportedException("altering a call under ptrace is implemented for x86_64 only");
        UserRegsX86_64 regs;
        if (Libc.Ptrace(PtraceRequest.GetRegs, tid, 0, (nint)(&regs)) < 0) return;
        regs.OrigRax = (ulong)call.Number;
        regs.Rdi = call.Args[0];
        regs.Rsi = call.Args[1];
        regs.Rdx = call.Args[2];
        regs.R10 = call.Args[3];
        regs.R8 = call.Args[4];
        regs.R9 = call.Args[5];
        Libc.Ptrace(PtraceRequest.SetRegs, tid, 0, (nint)(&regs));
    }
}
