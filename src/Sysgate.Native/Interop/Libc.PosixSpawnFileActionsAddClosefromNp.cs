using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>
    /// posix_spawn_file_actions_addclosefrom_np(3) (glibc 2.34+): the child closes every fd &gt;= <paramref name="from"/>
    /// with close_range, falling back to walking /proc/self/fd when close_range fails.
    /// </summary>
    [LibraryImport(Name, EntryPoint = "posix_spawn_file_actions_addclosefrom_np")]
    public static partial int PosixSpawnFileActionsAddClosefromNp(void* actions, int from);
}
