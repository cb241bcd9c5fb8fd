namespace Sysgate.Native.Interop;

public static unsafe partial class Sys
{
    /// <summary>seccomp(2) system call number on the host architecture.</summary>
    public static long SeccompNr => HostArch.Current == Arch.X86_64 ? 317 : 277;

    /// <summary>seccomp(2): e.g. <c>Seccomp(SeccompConst.SET_MODE_FILTER, 0, &amp;prog)</c>. Returns -1 with errno on failure.</summary>
    public static int Seccomp(uint operation, uint flags, void* args)
        => (int)Libc.Syscall(SeccompNr, operation, flags, (long)args, 0, 0, 0);
}
