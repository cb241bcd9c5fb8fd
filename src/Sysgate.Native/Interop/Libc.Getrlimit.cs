using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>getrlimit(2).</summary>
    [LibraryImport(Name, EntryPoint = "getrlimit", SetLastError = true)]
    public static partial int Getrlimit(int resource, RLimit* limit);
}
