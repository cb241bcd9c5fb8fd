using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>posix_spawn_file_actions_addclose(3).</summary>
    [LibraryImport(Name, EntryPoint = "posix_spawn_file_actions_addclose")]
    public static partial int PosixSpawnFileActionsAddClose(void* actions, int fd);
}
