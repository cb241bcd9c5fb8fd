namespace Sysgate.Native.Interop;

public static unsafe partial class Sys
{
    /// <summary>gettid(2): the calling thread's id (never fails).</summary>
    public static int Gettid() => (int)Libc.Syscall(GettidNumber, 0, 0, 0, 0, 0, 0);

    private static long GettidNumber => HostArch.Current switch
    {
        Arch.X86_64 => 186,
        Arch.Aarch64 => 178,
        _ => throw new PlatformNotSupportedException(),
    };
}
