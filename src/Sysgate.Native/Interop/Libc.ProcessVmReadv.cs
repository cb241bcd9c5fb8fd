using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>
    /// process_vm_readv(2): copies from another process's memory. Returns the bytes read (may be short at
    /// an unmapped page) or -1 with errno (ESRCH: gone, EFAULT: bad remote address, EPERM: not allowed).
    /// </summary>
    [LibraryImport(Name, EntryPoint = "process_vm_readv", SetLastError = true)]
    public static partial nint ProcessVmReadv(int pid, IoVec* localIov, nuint localCount,
        IoVec* remoteIov, nuint remoteCount, nuint flags);
}
