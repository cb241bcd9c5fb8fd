using Sysgate.Native;
using Sysgate.Native.Interop;
using Sysgate.Native.Ptrace;

namespace Sysgate.Interception.Ptrace;

// The root program of a spawned session: seized inside its first execve, held at its exit until its spawner is
// done, given its CPU mask back (PinnedRootRelease), and its failed exec reported.
public sealed unsafe partial class PtraceTracer
{
    /// <summary>
    /// When set, the root tracee is held at its exit stop (PTRACE_EVENT_EXIT, before it becomes a zombie the
    /// tracer reaps) until this returns true: whoever spawned it may still be opening a pidfd for its pid.
    /// </summary>
    internal Func<bool>? RootExitGate { get; set; }

    private bool _rootExecDone;

    /// <summary>
    /// When set (the CLI pinned its threads, and the program inherited that mask), the root program keeps the
    /// tracer's CPU after its exec until this says otherwise; when null its mask is restored at the exec stop.
    /// </summary>
    internal PinnedRootRelease? RootRelease { get; set; }

    private int _rootExecErrno;

    /// <summary>The root's first execve failed with <paramref name="errno"/> (posix_spawn said so): reported as
    /// that call's result when the root's exit is read. Any thread, before the loop reads the exit.</summary>
    internal void FailRootExec(int errno) => Volatile.Write(ref _rootExecErrno, errno);

    /// <summary>True once the root's first execve has completed (set before the new image runs).</summary>
    public bool RootExecDone => Volatile.Read(ref _rootExecDone);

    /// <summary>
    /// PTRACE_SEIZE with <see cref="Options"/> for a child inside its first execve (seen by the listener); only
    /// valid on the tracer thread. PTRACE_O_TRACEEXIT is added at its exec stop: if the exec fails, the child
    /// must exit without stopping, for posix_spawn in our spawn thread waits for that exit and the tracer
    /// loop only starts once posix_spawn has returned.
    /// </summary>
    public void Seize(int pid)
    {
        if (Libc.Ptrace(PtraceRequest.Seize, pid, 0, (nint)(long)(Options & ~PtraceOptions.TraceExit)) < 0)
            throw ErrnoException.FromLast($"PTRACE_SEIZE of pid {pid}");
        _tracees[pid] = new TraceeState { Fresh = false }; // SEIZE does not stop it: no initial stop to swallow
    }

    /// <summary>True when <paramref name="pid"/>, a tracee of this thread, has stopped or ended and not been
    /// waited for (the event stays for the loop to read). Only valid on the tracer thread.</summary>
    internal static bool HasPendingEvent(int pid)
    {
        SigInfo info = default;
        return Libc.Waitid(WaitConst.P_PID, (uint)pid, &info,
            WaitConst.WSTOPPED | WaitConst.WEXITED | WaitConst.WNOHANG | WaitConst.WNOWAIT | WaitFlags.NoThread) == 0
            && info.Pid == pid;
    }

    /// <summary>
    /// Reports the root's execve, seen in the seccomp listener before the seize, as a call entry; its exit
    /// (result 0) is reported at the PTRACE_EVENT_EXEC stop. Only valid on the tracer thread.
    /// </summary>
    public void BeginRootExec(int pid, in Sysgate.Native.Seccomp.SeccompData data)
    {
        var state = _tracees[pid];
        ref var call = ref state.Call;
        call = default;
        call.Tid = pid;
        call.Arch = data.Arch == AuditArch.Aarch64 ? Arch.Aarch64 : Arch.X86_64;
        call.Number = data.Nr;
        for (int i = 0; i < 6; i++) call.Args[i] = data.Args[i];
        call.InstructionPointer = data.InstructionPointer;
        _client.OnEntry(ref call, out _);
        state.PendingExec = true;
    }

    // Until RootExitGate says the spawner is done (posix_spawn returned, pidfd opened, errno told): yields the
    // CPU it shares with the spawner rather than spinning on it.
    private void WaitForSpawner()
    {
        if (RootExitGate is not { } spawnReturned) return;
        var spin = new SpinWait();
        while (!spawnReturned()) spin.SpinOnce(sleep1Threshold: 20);
    }

    // The root's execve failed (FailRootExec): the entry reported at the seize gets its result.
    private bool ReportFailedExec(TraceeState state)
    {
        if (!state.PendingExec)
            return false;
        // The spawner learns the errno when posix_spawn returns, which may be after we saw the exit (once the
        // spawn thread is gone the listener hangs up and the loop starts): it tells us before it says so.
        WaitForSpawner();
        if (Volatile.Read(ref _rootExecErrno) is not (int errno and > 0))
            return false;
        state.PendingExec = false;
        state.Call.Result = -errno;
        _client.OnExit(ref state.Call);
        return true;
    }

    // The same, when posix_spawn reaped the root before we could (it may: our thread group is its parent): its
    // exit is told as glibc's spawn child ends, with status 127.
    private WaitStatus? FailedRootExec()
    {
        if (!_tracees.TryGetValue(_rootPid, out var root) || !ReportFailedExec(root))
            return null;
        _tracees.Remove(_rootPid);
        var status = new WaitStatus(127 << 8);
        _client.OnExit(_rootPid, status);
        return status;
    }

    // The root gets the mask sysgate was started with back (see PinnedRootRelease), before it runs on.
    private void Unpin(int tid, TraceeState state)
    {
        state.Pinned = false;
        Threading.CpuAffinity.Restore(tid);
        _cpu!.OnMaskRestored();
    }
}
