namespace Sysgate.Spawn;

/// <summary>What to start and exactly what it gets. Immutable once built (init-only).</summary>
public sealed record SpawnSpec
{
    /// <summary>The program: a path (contains '/'; relative to <see cref="WorkingDirectory"/> if set) or a
    /// name searched in PATH (the spec's <see cref="Environment"/> PATH if given, else the current one).</summary>
    public required string Program { get; init; }

    /// <summary>argv[1..].</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>argv[0]; null = <see cref="Program"/> as given.</summary>
    public string? Argv0 { get; init; }

    /// <summary>The child's complete environment; null = inherit this process's environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>
    /// With <see cref="Environment"/> null: pass this process's environment block as the C library holds it,
    /// byte for byte, instead of .NET's view of it. What a command-line tool wants: values that are not UTF-8
    /// arrive unchanged (.NET's view replaces their bytes with U+FFFD), and nothing is copied. Changes made
    /// with <c>System.Environment.SetEnvironmentVariable</c>, which .NET keeps to itself on Unix, are not passed.
    /// </summary>
    public bool RawEnvironment { get; init; }

    /// <summary>The child's working directory; null = the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The designated fds; default stdin/stdout/stderr only.</summary>
    public FdMap Fds { get; init; } = FdMap.Stdio();

    /// <summary>What happens to fds that are not designated (default: the child does not get them).</summary>
    public FdMode Mode { get; init; } = FdMode.Close;

    /// <summary>Start the child in a new process group led by itself (POSIX_SPAWN_SETPGROUP, pgid 0).</summary>
    public bool NewProcessGroup { get; init; }

    /// <summary>Optional per-thread preparation (seccomp, Landlock...) run on a dedicated spawn thread; see
    /// <see cref="ISpawnThreadSetup"/>.</summary>
    public ISpawnThreadSetup? ThreadSetup { get; init; }
}

/// <summary>
/// Code run on the dedicated OS thread that calls posix_spawn, just before the call; the child inherits
/// the thread's state (no_new_privs, a thread-scoped seccomp filter, Landlock domain...).
/// </summary>
/// <remarks>
/// Contract: when <see cref="SpawnSpec.ThreadSetup"/> is set, <see cref="SafeProcess.Start"/> prepares every
/// native buffer and resolves every function pointer on the calling thread, then starts one new OS thread
/// whose body is <c>Apply(); posix_spawn(...)</c> and nothing else: no allocation, lock, logging or JIT after
/// <see cref="Apply"/> returns. An exception thrown by Apply propagates to the caller of Start and nothing
/// is spawned. The thread exits right after the call.
/// </remarks>
public interface ISpawnThreadSetup
{
    /// <summary>Prepares the current (dedicated, short-lived) thread.</summary>
    void Apply();
}
