using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>setrlimit(2).</summary>
    [LibraryImport(Name, EntryPoint = "setrlimit", SetLastError = true)]
    public static partial int Setrlimit(int resource, RLimit* limit);
}
