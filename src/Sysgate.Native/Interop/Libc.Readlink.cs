using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>readlink(2): returns the byte count written (not NUL-terminated) or -1.</summary>
    [LibraryImport(Name, EntryPoint = "readlink", SetLastError = true)]
    public static partial nint Readlink(byte* path, byte* buf, nint size);
}
