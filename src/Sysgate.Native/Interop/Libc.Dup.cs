using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>dup(2) (the copy does not have FD_CLOEXEC).</summary>
    [LibraryImport(Name, EntryPoint = "dup", SetLastError = true)]
    public static partial int Dup(int fd);
}
