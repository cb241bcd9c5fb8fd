using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>pthread_create(3) with default attributes. Returns 0 or an error number (errno is not set).</summary>
    [LibraryImport(Name, EntryPoint = "pthread_create")]
    public static partial int PthreadCreate(nint* thread, void* attr, delegate* unmanaged<nint, nint> start, nint arg);
}
