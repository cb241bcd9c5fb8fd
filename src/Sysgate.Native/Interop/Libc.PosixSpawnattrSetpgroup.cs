using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>posix_spawnattr_setpgroup(3) (needs POSIX_SPAWN_SETPGROUP; 0 = a new group led by the child).</summary>
    [LibraryImport(Name, EntryPoint = "posix_spawnattr_setpgroup")]
    public static partial int PosixSpawnattrSetpgroup(void* attr, int pgroup);
}
