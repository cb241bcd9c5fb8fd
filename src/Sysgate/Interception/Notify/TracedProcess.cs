using Sysgate.Native.Seccomp;
using Sysgate.Spawn;

namespace Sysgate.Interception.Notify;

/// <summary>
/// A program started with <see cref="SafeProcess"/> under a seccomp user-notification filter, with its
/// supervisor running: the one-call way to trace/sandbox a tree with the notify backend.
/// </summary>
public sealed class TracedProcess : IDisposable
{
    private readonly SeccompThreadSetup _setup;

    private TracedProcess(SeccompThreadSetup setup, NotifySupervisor supervisor, ChildProcess child)
    {
        _setup = setup;
        Supervisor = supervisor;
        Child = child;
    }

    /// <summary>The spawned root of the traced tree.</summary>
    public ChildProcess Child { get; }

    /// <summary>The supervisor answering the tree's trapped calls.</summary>
    public NotifySupervisor Supervisor { get; }

    /// <summary>
    /// Starts <paramref name="spec"/> with <paramref name="program"/> (from <c>SeccompProgramBuilder</c>) installed
    /// on the spawning thread and <paramref name="handler"/> deciding the trapped calls. With
    /// <paramref name="ownProcessGroup"/> (default) the child leads a new process group so a supervisor stop
    /// kills its descendants too (it then no longer receives the terminal's job-control signals).
    /// </summary>
    public static TracedProcess Start(SpawnSpec spec, ReadOnlySpan<SockFilter> program, ISyscallHandler handler,
        bool ownProcessGroup = true)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.ThreadSetup != null)
            throw new ArgumentException("The spec already has a ThreadSetup; the notify backend installs its own.", nameof(spec));
        var setup = new SeccompThreadSetup(program);
        var supervisor = new NotifySupervisor(setup, handler);
        try
        {
            supervisor.Start();
            var child = SafeProcess.Start(spec with { ThreadSetup = setup, NewProcessGroup = spec.NewProcessGroup || ownProcessGroup });
            supervisor.TrackTree(child, processGroup: spec.NewProcessGroup || ownProcessGroup);
            return new TracedProcess(setup, supervisor, child);
        }
        catch
        {
            supervisor.Dispose();
            setup.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits for the root to exit, then (up to <paramref name="treeTimeout"/>) for the rest of the tree to leave
    /// the filter; returns the root's status. Descendants still running after the timeout keep being supervised.
    /// </summary>
    public ExitStatus WaitForExit(TimeSpan? treeTimeout = null)
    {
        var status = Child.WaitForExit();
        Supervisor.WaitForCompletion(treeTimeout ?? TimeSpan.FromSeconds(5));
        return status;
    }

    /// <summary>Stops the supervisor (killing what is left of the tree) and releases everything.</summary>
    public void Dispose()
    {
        Supervisor.Dispose();
        Child.Dispose();
        _setup.Dispose();
    }
}
