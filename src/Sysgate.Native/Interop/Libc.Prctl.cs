using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>prctl(2) with four word-sized arguments (unused ones must be 0 for most options).</summary>
    [LibraryImport(Name, EntryPoint = "prctl", SetLastError = true)]
    public static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    /// <summary>prctl option PR_SET_NO_NEW_PRIVS (required before an unprivileged seccomp filter).</summary>
    public const int PR_SET_NO_NEW_PRIVS = 38;
    /// <summary>prctl option PR_GET_NO_NEW_PRIVS.</summary>
    public const int PR_GET_NO_NEW_PRIVS = 39;
}
