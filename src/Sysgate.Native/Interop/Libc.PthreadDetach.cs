using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static partial class Libc
{
    /// <summary>pthread_detach(3). Returns 0 or an error number.</summary>
    [LibraryImport(Name, EntryPoint = "pthread_detach")]
    public static partial int PthreadDetach(nint thread);
}
