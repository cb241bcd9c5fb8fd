using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>pidfd_send_signal(2) (glibc 2.36+); <paramref name="info"/> may be null.</summary>
    [LibraryImport(Name, EntryPoint = "pidfd_send_signal", SetLastError = true)]
    public static partial int PidfdSendSignal(int pidfd, int sig, void* info, uint flags);
}
