namespace Sysgate.Native.Interop;

/// <summary>
/// Raw system calls that have no glibc wrapper, made through <see cref="Libc.Syscall"/>.
/// One partial file per call (<c>Sys.&lt;Name&gt;.cs</c>); each returns the raw result (-1 and errno on failure).
/// </summary>
public static unsafe partial class Sys
{
}
