using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>posix_spawnattr_setsigmask(3): the child starts with this signal mask (needs POSIX_SPAWN_SETSIGMASK).</summary>
    [LibraryImport(Name, EntryPoint = "posix_spawnattr_setsigmask")]
    public static partial int PosixSpawnattrSetsigmask(void* attr, void* sigset);
}
