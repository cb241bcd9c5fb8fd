using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>pidfd_open(2) (glibc 2.36+): a close-on-exec fd referring to process <paramref name="pid"/>.</summary>
    [LibraryImport(Name, EntryPoint = "pidfd_open", SetLastError = true)]
    public static partial int PidfdOpen(int pid, uint flags);
}
