using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>
    /// syscall(2) with a fixed 7-long signature (ABI-safe for the variadic function on x86_64/aarch64);
    /// wrappers for calls without a glibc function live in <see cref="Sys"/>.
    /// </summary>
    [LibraryImport(Name, EntryPoint = "syscall", SetLastError = true)]
    public static partial long Syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);
}
