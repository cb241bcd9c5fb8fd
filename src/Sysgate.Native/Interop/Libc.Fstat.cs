using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>fstat(2) into a raw buffer of at least <see cref="FileIdentity.StatBufferSize"/> bytes.</summary>
    [LibraryImport(Name, EntryPoint = "fstat", SetLastError = true)]
    public static partial int Fstat(int fd, byte* statBuffer);
}
