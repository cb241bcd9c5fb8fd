using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>posix_spawnattr_setsigdefault(3): signals reset to SIG_DFL in the child (needs POSIX_SPAWN_SETSIGDEF).</summary>
    [LibraryImport(Name, EntryPoint = "posix_spawnattr_setsigdefault")]
    public static partial int PosixSpawnattrSetsigdefault(void* attr, void* sigset);
}
