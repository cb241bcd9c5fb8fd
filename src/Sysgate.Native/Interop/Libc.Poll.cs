using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>poll(2) over <paramref name="count"/> <see cref="PollFd"/> entries; <paramref name="timeoutMs"/> -1 = forever.</summary>
    [LibraryImport(Name, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, ulong count, int timeoutMs);
}
