using Sysgate.Native;
using Sysgate.Native.Interop;

namespace Sysgate.Spawn;

/// <summary>
/// Starts programs with exactly the designated file descriptors (posix_spawn; no fork of the managed
/// process, no managed code in the child). Everything that can be wrong is checked before the spawn.
/// </summary>
public static class SafeProcess
{
    /// <summary>
    /// Whether close_range(2) works in this process (probed once; when refused, e.g. by a container's
    /// seccomp policy, children close fds through glibc's /proc/self/fd fallback and a debug line goes to
    /// <see cref="SpawnLog.Debug"/>).
    /// </summary>
    public static bool CloseRangeAvailable => FdTable.CloseRangeAvailable;

    /// <summary>Starts <paramref name="spec"/>.</summary>
    /// <exception cref="SpawnException">a designated parent fd is not open, a path cannot be opened, the
    /// program is missing or not executable, Strict mode found leaky fds, or posix_spawn failed.</exception>
    /// <exception cref="ArgumentException">a malformed spec (empty program, NUL in a string).</exception>
    public static ChildProcess Start(SpawnSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _ = FdTable.CloseRangeAvailable;
        if (spec.WorkingDirectory is { } wd && !Directory.Exists(wd))
            throw new SpawnException(SpawnError.SpawnFailed, $"working directory {wd} does not exist.", Errno.ENOENT);
        string path = ExecutableResolver.Resolve(spec);
        using var plan = FdPlan.Prepare(spec.Fds);
        if (spec.Mode == FdMode.Strict) RefuseLeaks(plan);
        using var request = new NativeSpawnRequest(path, spec, plan);
        int rc = spec.ThreadSetup is { } setup ? SpawnThread.Run(request, setup) : request.SpawnHere();
        if (rc != 0)
            throw new SpawnException(SpawnError.SpawnFailed, $"posix_spawn {path}: {new ErrnoException("exec", rc).Message}", rc);
        int pid = request.Pid;
        // We are the only reaper of pid, so it cannot have been recycled yet.
        int pidFd = Libc.PidfdOpen(pid, 0);
        if (pidFd < 0) throw ErrnoException.FromLast($"pidfd_open({pid})");
        return new ChildProcess(pid, pidFd);
    }

    private static void RefuseLeaks(FdPlan plan)
    {
        var leaks = FdTable.InheritableFds(plan.DesignatedParentFds);
        if (leaks.Count == 0) return;
        throw new SpawnException(SpawnError.LeakyFds,
            "strict mode: undesignated fds without FD_CLOEXEC in this process: " +
            string.Join(", ", leaks.Select(l => $"fd {l.Fd} -> {l.Target}")) +
            ". Mark them close-on-exec, close them, or designate them.", Errno.EBADF);
    }
}
