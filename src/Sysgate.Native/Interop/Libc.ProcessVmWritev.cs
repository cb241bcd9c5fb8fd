using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>process_vm_writev(2): copies into another process's memory (same errors as readv).</summary>
    [LibraryImport(Name, EntryPoint = "process_vm_writev", SetLastError = true)]
    public static partial nint ProcessVmWritev(int pid, IoVec* localIov, nuint localCount,
        IoVec* remoteIov, nuint remoteCount, nuint flags);
}
