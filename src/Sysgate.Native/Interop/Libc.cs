namespace Sysgate.Native.Interop;

/// <summary>
/// Entry points of the C library. One partial file per native function (like dotnet/runtime's
/// Interop/Unix/System.Native), and nothing outside Sysgate.Native declares a P/Invoke.
/// </summary>
/// <remarks>
/// Every import sets <c>SetLastError = true</c> so callers read errno with
/// <see cref="System.Runtime.InteropServices.Marshal.GetLastPInvokeError"/> (or <see cref="Errno.Last"/>).
/// </remarks>
public static unsafe partial class Libc
{
    /// <summary>The shared object every import binds to (glibc's soname).</summary>
    internal const string Name = "libc.so.6";
}
