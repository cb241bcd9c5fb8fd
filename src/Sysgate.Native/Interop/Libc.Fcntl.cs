using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>fcntl(2) with an integer argument (F_GETFD, F_SETFD, F_DUPFD_CLOEXEC, ...).</summary>
    [LibraryImport(Name, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int cmd, int arg);
}
