using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>open(2) of a NUL-terminated path; <paramref name="flags"/> are <c>O_*</c> values.</summary>
    [LibraryImport(Name, EntryPoint = "open", SetLastError = true)]
    public static partial int Open(byte* path, int flags, int mode);

#pragma warning disable CS1591 // the names are the documentation
    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CLOEXEC = 0x80000;
#pragma warning restore CS1591
}
