using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>sched_setaffinity(2): <paramref name="tid"/> 0 is the calling thread. Returns -1 and sets errno on failure.</summary>
    [LibraryImport(Name, EntryPoint = "sched_setaffinity", SetLastError = true)]
    public static partial int SchedSetaffinity(int tid, nuint setSize, ulong* mask);
}
