using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>Bytes of <c>struct statfs</c> on the 64-bit ABIs we support; <c>f_type</c> is its first (8-byte) field.</summary>
    public const int StatfsBufferSize = 120;

    /// <summary>procfs's <c>f_type</c> (PROC_SUPER_MAGIC).</summary>
    public const long ProcSuperMagic = 0x9fa0;

    /// <summary>statfs(2) into a raw buffer of at least <see cref="StatfsBufferSize"/> bytes (follows symlinks,
    /// including /proc/PID/fd/N).</summary>
    [LibraryImport(Name, EntryPoint = "statfs", SetLastError = true)]
    public static partial int Statfs(byte* path, byte* statfsBuffer);
}
