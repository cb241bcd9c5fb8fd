using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>sigemptyset(3).</summary>
    [LibraryImport(Name, EntryPoint = "sigemptyset", SetLastError = true)]
    public static partial int Sigemptyset(void* set);
}
