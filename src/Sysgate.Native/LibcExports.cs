using System.Runtime.InteropServices;

namespace Sysgate.Native;

/// <summary>
/// Raw libc entry points as unmanaged function pointers, resolved once. Calling through
/// <c>delegate* unmanaged</c> compiles to a direct call in the caller's body, so code that must not JIT
/// or allocate after a point (the spawn thread after a seccomp filter is installed) can still call libc.
/// </summary>
public static unsafe class LibcExports
{
    private static readonly nint Handle = NativeLibrary.Load("libc.so.6");
    private static readonly nint EnvironSlot = NativeLibrary.GetExport(Handle, "environ");

    /// <summary>
    /// The C library's current environment block (<c>char **environ</c>): read at each use, since setenv(3)
    /// may move it. .NET on Unix never writes it (Environment.SetEnvironmentVariable keeps a managed copy).
    /// </summary>
    public static nint Environ => *(nint*)EnvironSlot;

    /// <summary>
    /// posix_spawn(pid_t*, const char* path, const posix_spawn_file_actions_t*, const posix_spawnattr_t*,
    /// char* const argv[], char* const envp[]) -&gt; error number (0 = success). Pointers typed as nint so the
    /// signature matches <see cref="Getpid"/>.
    /// </summary>
    public static readonly delegate* unmanaged<nint, nint, nint, nint, nint, nint, int> PosixSpawn =
        (delegate* unmanaged<nint, nint, nint, nint, nint, nint, int>)NativeLibrary.GetExport(Handle, "posix_spawn");

    /// <summary>
    /// getpid(2) typed with posix_spawn's signature (the C ABI ignores the extra arguments). When the JIT does
    /// not inline an unmanaged call (debuggable code) the runtime builds one stub per calling module and
    /// signature on first use; calling this first, from the same module, means a later posix_spawn call
    /// needs no JIT.
    /// </summary>
    public static readonly delegate* unmanaged<nint, nint, nint, nint, nint, nint, int> Getpid =
        (delegate* unmanaged<nint, nint, nint, nint, nint, nint, int>)NativeLibrary.GetExport(Handle, "getpid");
}
