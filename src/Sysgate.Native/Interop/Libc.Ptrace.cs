using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>
    /// ptrace(2). glibc declares it variadic; all four arguments are integer-class, so a fixed
    /// signature is ABI-identical on x86_64 and aarch64 Linux.
    /// </summary>
    /// <remarks>Must be called from the thread that attached the tracee (the tracer is a thread).</remarks>
    [LibraryImport(Name, EntryPoint = "ptrace", SetLastError = true)]
    public static partial long Ptrace(long request, int pid, nint addr, nint data);
}
