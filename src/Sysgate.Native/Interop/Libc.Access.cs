using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>access(2); <paramref name="path"/> is a NUL-terminated C string.</summary>
    [LibraryImport(Name, EntryPoint = "access", SetLastError = true)]
    public static partial int Access(byte* path, int mode);
}
