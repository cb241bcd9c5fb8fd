using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>posix_spawn_file_actions_addchdir_np(3) (glibc 2.29+); <paramref name="path"/> is a NUL-terminated C string.</summary>
    [LibraryImport(Name, EntryPoint = "posix_spawn_file_actions_addchdir_np")]
    public static partial int PosixSpawnFileActionsAddChdirNp(void* actions, byte* path);
}
