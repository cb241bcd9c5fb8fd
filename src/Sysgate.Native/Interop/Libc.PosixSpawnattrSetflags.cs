using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>posix_spawnattr_setflags(3); flags are <see cref="PosixSpawnFlags"/>.</summary>
    [LibraryImport(Name, EntryPoint = "posix_spawnattr_setflags")]
    public static partial int PosixSpawnattrSetflags(void* attr, short flags);
}
