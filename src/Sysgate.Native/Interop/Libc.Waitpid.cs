using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>waitpid(2). Use <see cref="Ptrace.WaitFlags"/> (__WALL, __WNOTHREAD) for tracees.</summary>
    [LibraryImport(Name, EntryPoint = "waitpid", SetLastError = true)]
    public static partial int Waitpid(int pid, int* status, int options);
}
