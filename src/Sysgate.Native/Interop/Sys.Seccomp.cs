namespace Sysgate.Native.Interop;

/// <summary>
/// Typed wrappers for system calls that glibc does not wrap (or wraps unhelpfully), issued through
/// <see cref="Libc.Syscall"/>. One partial file per call.
/// </summary>
public static unsafe partial class Sys
{
    /// <summary>
    /// seccomp(2): <paramref name="operation"/> is a <c>SeccompConstants.SET_MODE_FILTER</c>-style operation. Returns -1 and sets
    /// errno on failure; with <c>SECCOMP_FILTER_FLAG_NEW_LISTENER</c> returns the listener fd.
    /// </summary>
    public static int Seccomp(uint operation, uint flags, void* args)
        => (int)Libc.Syscall(SeccompNumber, operation, flags, (long)args, 0, 0, 0);

    private static long SeccompNumber => HostArch.Current switch
    {
        Arch.X86_64 => 317,
        Arch.Aarch64 => 277,
        _ => throw new PlatformNotSupportedException(),
    };
}
