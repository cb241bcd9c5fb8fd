using Sysgate.Native;
using Sysgate.Native.Interop;
using Sysgate.Native.Ptrace;

namespace Sysgate.Interception.Ptrace;

/// <summary>
/// The ptrace backend's event loop. A tracer is a THREAD, not a process: every ptrace and waitpid
/// call for a tracee must come from the thread that attached it, so all of it runs on one dedicated
/// OS thread (never the thread pool, never async).
/// </summary>
/// <remarks>
/// Tracees stop only where the seccomp filter says RET_TRACE (as <c>strace --seccomp-bpf</c>), so
/// untraced calls never leave the kernel. A call the client wants results for is resumed with
/// PTRACE_SYSCALL and stops once more at its exit; everything else is resumed with PTRACE_CONT.
/// waitpid uses __WNOTHREAD so this thread never reaps children other threads spawned.
/// </remarks>
public sealed unsafe partial class PtraceTracer
{
    private const int SIGTRAP = 5, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22;

    /// <summary>Options every tracee gets: follow all children, kill them all if we die.</summary>
    public const PtraceOptions Options = PtraceOptions.TraceSysGood | PtraceOptions.TraceSeccomp |
        PtraceOptions.TraceExec | PtraceOptions.TraceFork | PtraceOptions.TraceVFork |
        PtraceOptions.TraceClone | PtraceOptions.TraceExit | PtraceOptions.ExitKill;

    private readonly IPtraceClient _client;
    private readonly Dictionary<int, TraceeState> _tracees = new();
    // Children that stopped, ran and exited before their parent's fork event was read (waitpid reports tasks
    // in no fixed order): that event must neither bring them back nor announce them to the client again.
    private readonly HashSet<int> _goneBeforeAnnounced = new();
    private readonly TaskCompletionSource<WaitStatus> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _finished = new(false, spinCount: 0); // set once _done is
    private int _started;
    private int _rootPid;
    private CpuFollower? _cpu; // created on the tracer thread: it changes that thread's affinity
    private nint _thread; // joinable: see ReleaseThread
    private int _threadClaimed;
    private readonly ManualResetEventSlim _threadGone = new(false, spinCount: 0);

    /// <summary>Options for processes attached with <see cref="Attach"/>: follow children, but let them live
    /// on if we go away (no EXITKILL), and no seccomp stops (they have no filter of ours).</summary>
    public const PtraceOptions AttachOptions = PtraceOptions.TraceSysGood | PtraceOptions.TraceExec |
        PtraceOptions.TraceFork | PtraceOptions.TraceVFork | PtraceOptions.TraceClone;

    /// <summary>Creates a tracer that reports to <paramref name="client"/> (on the tracer thread).</summary>
    /// <param name="client">Receives the events.</param>
    /// <param name="allSyscallStops">Stop at every syscall entry and exit (PTRACE_SYSCALL), for tracees
    /// without a RET_TRACE filter (attach mode); entry and exit are told apart by PTRACE_GET_SYSCALL_INFO.</param>
    public PtraceTracer(IPtraceClient client, bool allSyscallStops = false)
    {
        _client = client;
        AllSyscallStops = allSyscallStops;
    }

    /// <summary>True when every syscall stops at entry and exit (no seccomp filter).</summary>
    public bool AllSyscallStops { get; }

    /// <summary>
    /// PTRACE_SEIZE a running thread with <see cref="AttachOptions"/> and PTRACE_INTERRUPT it, so it stops and
    /// continues under <see cref="PtraceRequest.Syscall"/>. Only valid on the tracer thread.
    /// </summary>
    public void Attach(int tid)
    {
        if (Libc.Ptrace(PtraceRequest.Seize, tid, 0, (nint)(long)AttachOptions) < 0)
            throw ErrnoException.FromLast($"PTRACE_SEIZE of pid {tid}");
        _tracees[tid] = new TraceeState(); // Fresh: its interrupt stop just resumes
        Libc.Ptrace(PtraceRequest.Interrupt, tid, 0, 0);
    }

    /// <summary>True when <paramref name="tid"/> is traced (on the tracer thread).</summary>
    public bool IsTraced(int tid) => _tracees.ContainsKey(tid);

    /// <summary>Completes with the root tracee's wait status when every tracee is gone.</summary>
    public Task<WaitStatus> Completion => _done.Task;

    /// <summary>
    /// Blocks until <see cref="Completion"/> is done and returns its result (or throws its exception).
    /// </summary>
    /// <remarks>Unlike waiting on the task, this never spins first: the CLI's threads share one CPU with the
    /// tracee (see Threading/CpuAffinity), and a waiter spinning there only delays the tracer it waits for.</remarks>
    public WaitStatus WaitForCompletion()
    {
        _finished.Wait();
        ReleaseThread(wait: true);
        return _done.Task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Joins the tracer thread once it has ended (<paramref name="wait"/>), or lets it end on its own. Whoever
    /// waits for the result joins it, so that the thread, which still runs runtime code after the result is set
    /// (its detach from the runtime), is gone before the caller can return from Main: a process exiting under a
    /// thread in that state can crash in exit handlers. Once per tracer; a second waiter waits for the first.
    /// </summary>
    internal void ReleaseThread(bool wait)
    {
        if (_thread == 0) return;
        if (Interlocked.Exchange(ref _threadClaimed, 1) != 0)
        {
            if (wait) _threadGone.Wait();
            return;
        }
        if (wait) Threading.NativeThread.Join(_thread);
        else Threading.NativeThread.Detach(_thread);
        _threadGone.Set();
    }

    /// <summary>Like <see cref="WaitForCompletion()"/>, for at most <paramref name="timeout"/>; false when it ran out.</summary>
    internal bool WaitForCompletion(TimeSpan timeout) => _finished.Wait(timeout);

    /// <summary>Called on the tracer thread when the loop has ended (after <see cref="Completion"/> is set).</summary>
    internal Action? Ended { get; set; }

    /// <summary>
    /// Starts the tracer thread. <paramref name="attach"/> runs first on that thread; it must call
    /// <see cref="Seize"/> for the root tracee and return its pid. Then the event loop runs until
    /// no tracee is left.
    /// </summary>
    public void Start(Func<PtraceTracer, int> attach)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
            throw new InvalidOperationException("The tracer is already started.");
        _thread = Threading.NativeThread.Start("sysgate-ptrace", () => Run(attach));
    }

    /// <summary>
    /// PTRACE_GETSIGINFO into <paramref name="siginfo"/> (128 bytes, siginfo_t) for a tracee in
    /// signal-delivery-stop. Only valid on the tracer thread (e.g. inside <see cref="IPtraceClient.OnSignal"/>).
    /// </summary>
    public static bool TryGetSignalInfo(int tid, Span<byte> siginfo)
    {
        if (siginfo.Length < 128) throw new ArgumentException("siginfo_t needs 128 bytes", nameof(siginfo));
        fixed (byte* p = siginfo)
            return Libc.Ptrace(PtraceRequest.GetSigInfo, tid, 0, (nint)p) == 0;
    }

    private void Run(Func<PtraceTracer, int> attach)
    {
        try
        {
            _cpu = new CpuFollower();
            _rootPid = attach(this);
            _done.TrySetResult(Loop());
        }
        catch (Exception ex)
        {
            _done.TrySetException(ex);
        }
        finally
        {
            _finished.Set();
            Ended?.Invoke();
        }
    }

    private WaitStatus Loop()
    {
        var rootStatus = new WaitStatus(0);
        while (_tracees.Count > 0)
        {
            int raw = 0;
            // With one tracee, the one just resumed has rarely stopped again yet: skip the look before blocking.
            int tid = _tracees.Count > 1 ? Libc.Waitpid(-1, &raw, WaitFlags.All | WaitFlags.NoThread | WaitFlags.NoHang) : 0;
            if (tid == 0)
            {
                _client.OnIdle(); // nothing pending: let the client flush before we block
                tid = Libc.Waitpid(-1, &raw, WaitFlags.All | WaitFlags.NoThread);
            }
            if (tid < 0)
            {
                int errno = Errno.Last;
                if (errno == Errno.EINTR) continue;
                if (errno == Errno.ECHILD)
                {
                    if (FailedRootExec() is { } failed) rootStatus = failed;
                    break;
                }
                throw new ErrnoException("waitpid for tracees", errno);
            }
            var status = new WaitStatus(raw);
            if (_detachRequested && !_detaching) BeginDetach(tid);
            if (status.Exited || status.Signaled)
            {
                if (!_tracees.Remove(tid, out var gone) || gone.Unannounced)
                    _goneBeforeAnnounced.Add(tid); // unknown: it died before even its first stop was read
                else
                    ReportFailedExec(gone);
                if (tid == _rootPid) rootStatus = status;
                _client.OnExit(tid, status);
                continue;
            }
            if (status.Stopped)
            {
                if (_detaching) DetachAtStop(tid, status);
                else OnStop(tid, status);
            }
        }
        return rootStatus;
    }

    private void OnStop(int tid, WaitStatus status)
    {
        if (!_tracees.TryGetValue(tid, out var state))
        {
            // A new child's first stop can arrive before its parent's fork event.
            state = new TraceeState { Unannounced = true };
            _tracees[tid] = state;
        }
        _cpu!.OnStop(tid, _tracees.Count);
        if (state.Pinned && RootRelease!.Expired()) Unpin(tid, state);
        int sig = status.StopSignal;
        if (sig == (SIGTRAP | 0x80))
        {
            if (AllSyscallStops) OnSyscallStop(tid, state);
            else OnSyscallExit(tid, state);
            return;
        }
        switch (status.Event)
        {
            case PtraceEvent.Seccomp:
                OnSyscallEntry(tid, state);
                return;
            case PtraceEvent.Fork or PtraceEvent.VFork or PtraceEvent.Clone:
                {
                    nint child;
                    if (Libc.Ptrace(PtraceRequest.GetEventMsg, tid, 0, (nint)(&child)) == 0
                        && !_goneBeforeAnnounced.Remove((int)child))
                    {
                        if (_tracees.TryGetValue((int)child, out var early)) early.Unannounced = false;
                        else _tracees[(int)child] = new TraceeState();
                        _cpu!.Release(); // two tracees may now run at once
                        _client.OnNewTracee(tid, (int)child);
                    }
                    Resume(tid, state, 0);
                    return;
                }
            case PtraceEvent.Exec:
                {
                    nint former = tid;
                    Libc.Ptrace(PtraceRequest.GetEventMsg, tid, 0, (nint)(&former));
                    if ((int)former != tid && _tracees.Remove((int)former, out var moved))
                        _tracees[tid] = state = moved; // a non-leader thread exec'd and took the leader's tid
                    bool rootExec = state.PendingExec;
                    if (rootExec)
                    {
                        state.PendingExec = false;
                        Libc.Ptrace(PtraceRequest.SetOptions, tid, 0, (nint)(long)Options); // with TRACEEXIT now: see Seize
                        Volatile.Write(ref _rootExecDone, true); // before it runs a single instruction of the new image
                        state.Call.Tid = tid;
                        state.Call.Result = 0;
                        _client.OnExit(ref state.Call);
                    }
                    // Spawned with the CLI's pinned mask (see CpuAffinity): restored now, or kept while it cannot tell.
                    bool pinned = rootExec && Threading.CpuAffinity.Pinned;
                    if (pinned && RootRelease is { } release)
                    {
                        state.Pinned = true;
                        release.Start();
                    }
                    else if (pinned)
                    {
                        Threading.CpuAffinity.Restore(tid);
                    }
                    _cpu!.OnExec(tid, _tracees.Count, pinned || state.Pinned); // execve's balancing tends to move the new image
                    _client.OnExec(tid, (int)former);
                    Resume(tid, state, 0);
                    return;
                }
            case PtraceEvent.Exit:
                if (tid == _rootPid) WaitForSpawner();
                Resume(tid, state, 0);
                return;
            case PtraceEvent.Stop:
                // Group-stop of a seized tracee: keep it stopped but listen for SIGCONT (PTRACE_LISTEN);
                // any other PTRACE_EVENT_STOP (new child, interrupt) just resumes.
                if (sig is SIGSTOP or SIGTSTP or SIGTTIN or SIGTTOU && !state.Fresh)
                    Libc.Ptrace(PtraceRequest.Listen, tid, 0, 0);
                else
                    Resume(tid, state, 0);
                state.Fresh = false;
                return;
            case PtraceEvent.None:
                // Signal-delivery-stop: report, then deliver it.
                state.Fresh = false;
                _client.OnSignal(tid, sig);
                Resume(tid, state, sig);
                return;
            default:
                Resume(tid, state, 0);
                return;
        }
    }

    // All-stops mode: a PTRACE_SYSCALL stop is an entry or an exit; GET_SYSCALL_INFO says which.
    private void OnSyscallStop(int tid, TraceeState state)
    {
        state.Fresh = false;
        PtraceSyscallInfo info;
        if (Libc.Ptrace(PtraceRequest.GetSyscallInfo, tid, sizeof(PtraceSyscallInfo), (nint)(&info)) <= 0)
        {
            Resume(tid, state, 0);
            return;
        }
        if (info.Op == SyscallInfoOp.Entry)
        {
            Enter(tid, state, in info);
            return;
        }
        if (state.SkipPending)
        {
            // The skipped call "returns" now: make sure the tracee sees the injected value, not -ENOSYS.
            state.SkipPending = false;
            PtraceRegisters.SetResult(tid, state.Call.Result);
            Resume(tid, state, 0);
            return;
        }
        if (info.Op == SyscallInfoOp.Exit && state.InSyscall)
        {
            state.InSyscall = false;
            ref var call = ref state.Call;
            call.Result = info.Rval;
            long wanted = _client.OnExit(ref call);
            if (wanted != info.Rval) PtraceRegisters.SetResult(tid, wanted);
        }
        Resume(tid, state, 0); // an exit without its entry: the call was under way when we attached
    }

    private void OnSyscallEntry(int tid, TraceeState state)
    {
        state.Fresh = false;
        PtraceSyscallInfo info;
        if (Libc.Ptrace(PtraceRequest.GetSyscallInfo, tid, sizeof(PtraceSyscallInfo), (nint)(&info)) <= 0
            || info.Op != SyscallInfoOp.Seccomp)
        {
            Resume(tid, state, 0);
            return;
        }
        Enter(tid, state, in info);
    }

    private void Enter(int tid, TraceeState state, in PtraceSyscallInfo info)
    {
        ref var call = ref state.Call;
        call = default;
        call.Tid = tid;
        call.Arch = info.Arch == AuditArch.Aarch64 ? Arch.Aarch64 : Arch.X86_64;
        call.Number = (int)info.Nr;
        call.Args = info.Args;
        call.InstructionPointer = info.InstructionPointer;

        var verdict = _client.OnEntry(ref call, out bool altered);
        if (altered) PtraceRegisters.SetCall(tid, ref call);
        if (state.Pinned && RootRelease!.RestoreBefore(call.Number, verdict == PtraceVerdict.Step)) Unpin(tid, state);
        switch (verdict)
        {
            case PtraceVerdict.Skip:
                PtraceRegisters.SkipWithResult(tid, call.Result);
                call.Injected = true;
                state.SkipPending = AllSyscallStops; // the exit stop still comes: the result is set again there
                _client.OnExit(ref call);
                Resume(tid, state, 0);
                return;
            case PtraceVerdict.Step:
                state.InSyscall = true;
                Resume(tid, state, 0);
                return;
            default:
                Resume(tid, state, 0);
                return;
        }
    }

    private void OnSyscallExit(int tid, TraceeState state)
    {
        if (!state.InSyscall)
        {
            Resume(tid, state, 0);
            return;
        }
        state.InSyscall = false;
        PtraceSyscallInfo info;
        ref var call = ref state.Call;
        if (Libc.Ptrace(PtraceRequest.GetSyscallInfo, tid, sizeof(PtraceSyscallInfo), (nint)(&info)) > 0
            && info.Op == SyscallInfoOp.Exit)
        {
            call.Result = info.Rval;
            long wanted = _client.OnExit(ref call);
            if (wanted != info.Rval) PtraceRegisters.SetResult(tid, wanted);
            if (state.Pinned && RootRelease!.RestoreAfter(tid, call.Number, info.Rval)) Unpin(tid, state);
        }
        Resume(tid, state, 0);
    }

    private void Resume(int tid, TraceeState state, int signal)
    {
        // A tracee inside a stepped syscall must keep its exit stop through exec/signal stops.
        long request = state.InSyscall || AllSyscallStops ? PtraceRequest.Syscall : PtraceRequest.Cont;
        Libc.Ptrace(request, tid, 0, signal); // ESRCH: it died meanwhile; its exit comes from waitpid
    }

    private sealed class TraceeState
    {
        public PtraceCall Call;
        public bool InSyscall;
        public bool PendingExec;
        public bool Pinned; // the root, still on the CLI's pinned mask (PinnedRootRelease)
        public bool SkipPending;
        public bool Fresh = true;
        public bool Unannounced; // first seen at its own stop, its parent's fork event not read yet
    }
}
