using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>
    /// tgkill(2) (glibc 2.30+): signal thread <paramref name="tid"/> of thread group <paramref name="tgid"/>;
    /// ESRCH if <paramref name="tid"/> is not in that group. Signal 0 only checks membership.
    /// </summary>
    [LibraryImport(Name, EntryPoint = "tgkill", SetLastError = true)]
    public static partial int Tgkill(int tgid, int tid, int signal);
}
