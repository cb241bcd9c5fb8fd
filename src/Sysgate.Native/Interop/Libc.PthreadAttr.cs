using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>Bytes to reserve for a <c>pthread_attr_t</c> (glibc: 56 on x86_64, 64 on aarch64).</summary>
    public const int PthreadAttrSize = 64;

    /// <summary>pthread_attr_init(3). Returns 0 or an error number.</summary>
    [LibraryImport(Name, EntryPoint = "pthread_attr_init")]
    public static partial int PthreadAttrInit(void* attr);

    /// <summary>pthread_attr_setaffinity_np(3): the CPUs a thread created with <paramref name="attr"/> starts on.
    /// Returns 0 or an error number.</summary>
    [LibraryImport(Name, EntryPoint = "pthread_attr_setaffinity_np")]
    public static partial int PthreadAttrSetaffinityNp(void* attr, nuint setSize, ulong* mask);

    /// <summary>pthread_attr_destroy(3). Returns 0 or an error number.</summary>
    [LibraryImport(Name, EntryPoint = "pthread_attr_destroy")]
    public static partial int PthreadAttrDestroy(void* attr);
}
