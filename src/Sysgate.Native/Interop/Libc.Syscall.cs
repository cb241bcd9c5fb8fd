using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>
    /// glibc <c>syscall(2)</c> with a fixed arity of six arguments (ABI-safe on x86_64/aarch64 Linux, extra
    /// arguments are ignored by the kernel). Returns -1 and sets errno on failure. Prefer the typed
    /// wrappers in <see cref="Sys"/>.
    /// </summary>
    [LibraryImport(Name, EntryPoint = "syscall", SetLastError = true)]
    public static partial long Syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);
}
