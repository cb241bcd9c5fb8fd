using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>openat(2); <paramref name="path"/> is a NUL-terminated C string resolved against <paramref name="dirfd"/>.</summary>
    [LibraryImport(Name, EntryPoint = "openat", SetLastError = true)]
    public static partial int Openat(int dirfd, byte* path, int flags, int mode);
}
