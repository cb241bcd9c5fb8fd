using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>open(2); <paramref name="path"/> is a NUL-terminated C string, <paramref name="mode"/> used with O_CREAT.</summary>
    [LibraryImport(Name, EntryPoint = "open", SetLastError = true)]
    public static partial int Open(byte* path, int flags, int mode);
}
