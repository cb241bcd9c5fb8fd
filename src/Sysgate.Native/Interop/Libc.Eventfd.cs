using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>eventfd(2) flag: close on exec.</summary>
    public const int EFD_CLOEXEC = 0x80000;

    /// <summary>eventfd(2): a counter fd that poll reports readable once it is non-zero. Returns -1 and sets errno on failure.</summary>
    [LibraryImport(Name, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int Eventfd(uint initialValue, int flags);

    /// <summary>eventfd_write(3): adds <paramref name="value"/> to the counter. Returns 0, or -1 and sets errno.</summary>
    [LibraryImport(Name, EntryPoint = "eventfd_write", SetLastError = true)]
    public static partial int EventfdWrite(int fd, ulong value);
}
