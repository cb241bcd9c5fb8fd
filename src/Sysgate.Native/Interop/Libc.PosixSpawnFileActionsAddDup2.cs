using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>posix_spawn_file_actions_adddup2(3): dup2(fd, newFd) in the child (clears FD_CLOEXEC on newFd).</summary>
    [LibraryImport(Name, EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static partial int PosixSpawnFileActionsAddDup2(void* actions, int fd, int newFd);
}
