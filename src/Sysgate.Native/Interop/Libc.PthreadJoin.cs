using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>pthread_join(3), discarding the result. Returns 0 or an error number.</summary>
    [LibraryImport(Name, EntryPoint = "pthread_join")]
    public static partial int PthreadJoin(nint thread, nint* result);
}
