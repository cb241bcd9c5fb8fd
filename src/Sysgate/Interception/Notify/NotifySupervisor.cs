using System.Runtime.CompilerServices;
using Sysgate.Native;
using Sysgate.Native.Interop;
using Sysgate.Native.Seccomp;
using Sysgate.Spawn;

namespace Sysgate.Interception.Notify;

/// <summary>
/// The seccomp user-notification backend: a dedicated thread that receives each trapped call of one filter
/// (one spawned tree), asks the handler, and answers. Fails closed: when it stops for any reason other than
/// "every tracee is gone", it closes the listener (the kernel then fails trapped calls with ENOSYS) and kills
/// the tracked tree.
/// </summary>
/// <remarks>
/// <para>Use: create with a <see cref="SeccompThreadSetup"/>, <see cref="Start"/>, pass the setup to the
/// spawner, then <see cref="TrackTree(ChildProcess, bool)"/> the child. <see cref="WaitForCompletion"/> returns when no task uses
/// the filter any more.</para>
/// <para>The loop takes no lock the spawning thread could hold (no Console, no shared lock statements) and
/// allocates nothing per call; <see cref="Start"/> runs the whole dispatch path once on a warm-up event so
/// the JIT has compiled it before any thread can be stuck in a trapped call, and the hot methods are
/// compiled fully optimized at once (no tiering: no later re-JIT or call-counting on the loop).</para>
/// </remarks>
public sealed class NotifySupervisor : IDisposable
{
    private const int PollTimeoutMs = 50;
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(1);
    private readonly SeccompThreadSetup _setup;
    private readonly ISyscallHandler _handler;
    private readonly SeccompListener _listener = new();
    private readonly NotifySyscallContext _context;
    private readonly ManualResetEventSlim _done = new();
    private readonly int _ownPid = Environment.ProcessId;
    private readonly ThreadGroupResolver _groups = new();
    private Thread? _thread;
    private volatile bool _stopRequested;
    private int _rootPid, _rootPidfd = -1;
    private bool _killGroup;
    private long _received, _unsupported, _handlerErrors;

    /// <summary>Creates a supervisor for the filter <paramref name="setup"/> will install.</summary>
    public NotifySupervisor(SeccompThreadSetup setup, ISyscallHandler handler)
    {
        _setup = setup ?? throw new ArgumentNullException(nameof(setup));
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _context = new NotifySyscallContext(_listener);
    }

    /// <summary>True for decisions this backend can carry out (Continue, Fail, Return, InjectFd).</summary>
    public static bool IsSupported(SyscallDecisionKind kind) => kind is SyscallDecisionKind.Continue
        or SyscallDecisionKind.Fail or SyscallDecisionKind.Return or SyscallDecisionKind.InjectFd;

    /// <summary>Notifications received (including the spawning thread's own).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Alter/Step decisions refused (answered ENOSYS): they need the ptrace backend.</summary>
    public long UnsupportedDecisions => Interlocked.Read(ref _unsupported);

    /// <summary>Handler exceptions (each such call was failed with ENOSYS); the last one is <see cref="LastHandlerError"/>.</summary>
    public long HandlerErrors => Interlocked.Read(ref _handlerErrors);

    /// <summary>The last exception a handler threw, if any.</summary>
    public Exception? LastHandlerError { get; private set; }

    /// <summary>Why the loop ended abnormally (listener not installed, ioctl failure), or null.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>True when every task using the filter has exited (the listener reported hang-up).</summary>
    public bool TraceesGone { get; private set; }

    /// <summary>
    /// True once the listener runs with SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (kernel 6.6+) and the blocking receive
    /// loop; false on older kernels (poll loop, ordinary cross-CPU wake-ups).
    /// </summary>
    public bool SyncWakeUp { get; private set; }

    /// <summary>Tests: use the pre-6.6 poll loop even where the blocking receive loop is available.</summary>
    internal bool ForcePollLoop { get; init; }

    /// <summary>Warms up the dispatch path and starts the loop thread; call before spawning.</summary>
    public void Start()
    {
        if (_thread != null)
            throw new InvalidOperationException("The supervisor is already started.");
        WarmUp();
        _thread = new Thread(Loop) { IsBackground = true, Name = "sysgate-notify" };
        _thread.Start();
    }

    /// <summary>
    /// Tracks the tree's root so a stop kills it: SIGKILL through a duplicate of <paramref name="pidfd"/> (if ≥ 0;
    /// race-free, the supervisor owns the copy) and to the process group <paramref name="pid"/> when
    /// <paramref name="processGroup"/> (the child leads its own group, so descendants are reached), else to
    /// <paramref name="pid"/> itself. Pass pid 0 to track nothing.
    /// </summary>
    public void TrackTree(int pid, int pidfd = -1, bool processGroup = false)
    {
        int copy = pidfd >= 0 ? Libc.Fcntl(pidfd, FcntlConst.F_DUPFD_CLOEXEC, 3) : -1;
        if (pidfd >= 0 && copy < 0)
            throw ErrnoException.FromLast($"fcntl(F_DUPFD_CLOEXEC) of the pidfd of {pid}");
        int old = Interlocked.Exchange(ref _rootPidfd, copy);
        if (old >= 0)
            Libc.Close(old);
        _rootPid = pid;
        _killGroup = processGroup;
        if (_done.IsSet && !TraceesGone)
            KillTree();
    }

    /// <summary>Tracks <paramref name="child"/> (see <see cref="TrackTree(int, int, bool)"/>).</summary>
    public void TrackTree(ChildProcess child, bool processGroup)
    {
        ArgumentNullException.ThrowIfNull(child);
        TrackTree(child.Pid, child.PidFd, processGroup);
    }

    /// <summary>Waits until the loop ends (every tracee gone, or stopped/faulted). Returns false on timeout.</summary>
    public bool WaitForCompletion(TimeSpan timeout) => _done.Wait(timeout);

    /// <summary>
    /// Stops the loop: kills the tracked tree, closes the listener (trapped calls now fail with ENOSYS) and waits
    /// up to a second for the loop thread. If an untracked tree is still running, the loop may be blocked in the
    /// kernel until that tree's next trapped call, which it then fails with ENOSYS before closing the listener.
    /// </summary>
    public void Stop()
    {
        _stopRequested = true;
        if (_thread == null)
        {
            Shutdown();
            return;
        }
        KillTree(); // tracees gone => the blocked receive returns (6.6+) and the loop sees the stop
        if (_thread != Thread.CurrentThread)
            _thread.Join(StopWait);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Stop();
        int pidfd = Interlocked.Exchange(ref _rootPidfd, -1);
        if (pidfd >= 0)
            Libc.Close(pidfd);
    }

    private void Loop()
    {
        try
        {
            int fd = _setup.WaitForListener(() => _stopRequested);
            if (fd == SeccompThreadSetup.Cancelled)
                return; // stopped before the spawn: the setup now refuses to apply
            if (fd < 0)
            {
                Fault = new ErrnoException("Installing the seccomp filter", -fd);
                return;
            }
            _listener.Attach(fd);
            // SET_FLAGS arrived in 6.6 together with a receive that returns once the filter has no users,
            // which the blocking loop relies on to end; older kernels get the poll loop.
            SyncWakeUp = _listener.TryEnableSyncWakeUp();
            if (SyncWakeUp && !ForcePollLoop)
                RunBlocking();
            else
                Run();
        }
        catch (Exception ex)
        {
            Fault = ex;
        }
        finally
        {
            Shutdown();
        }
    }

    // The fast loop: block in RECV (one syscall per call instead of poll + RECV). ENOENT means "that caller went
    // away" or "no task uses the filter any more"; a zero-timeout poll for POLLHUP tells them apart.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void RunBlocking(bool compileOnly = false)
    {
        if (compileOnly)
            return; // the JIT compiles the whole method on this first call
        var pfd = new PollFd { Fd = _listener.Fd, Events = PollFd.POLLIN };
        while (true)
        {
            int rc = _listener.Receive(out var notif);
            if (rc == 0)
            {
                Interlocked.Increment(ref _received);
                if (_stopRequested)
                {
                    _listener.Respond(notif.Id, 0, -Errno.ENOSYS, 0); // fail closed, as the kernel will after close
                    return;
                }
                Dispatch(in notif);
                continue;
            }
            if (rc == Errno.EINTR)
                continue;
            if (rc != Errno.ENOENT)
                throw new ErrnoException("ioctl(SECCOMP_IOCTL_NOTIF_RECV)", rc);
            pfd.Revents = 0;
            if (Libc.Poll(&pfd, 1, 0) > 0 && (pfd.Revents & PollFd.POLLHUP) != 0 && (pfd.Revents & PollFd.POLLIN) == 0)
            {
                TraceesGone = true;
                return;
            }
            if (_stopRequested)
                return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void Run(bool compileOnly = false)
    {
        if (compileOnly)
            return;
        var pfd = new PollFd { Fd = _listener.Fd, Events = PollFd.POLLIN };
        while (!_stopRequested)
        {
            pfd.Revents = 0;
            int ready = Libc.Poll(&pfd, 1, PollTimeoutMs);
            if (ready < 0)
            {
                if (Errno.Last == Errno.EINTR)
                    continue;
                throw ErrnoException.FromLast("poll(seccomp listener)");
            }
            if (ready == 0)
                continue;
            if ((pfd.Revents & PollFd.POLLIN) == 0)
            {
                if ((pfd.Revents & PollFd.POLLHUP) != 0)
                {
                    TraceesGone = true; // no task uses the filter any more
                    return;
                }
                throw new IOException($"poll(seccomp listener) reported 0x{pfd.Revents:x}.");
            }
            int rc = _listener.Receive(out var notif);
            if (rc is Errno.EINTR or Errno.ENOENT)
                continue; // interrupted, or the caller died before we got it
            if (rc != 0)
                throw new ErrnoException("ioctl(SECCOMP_IOCTL_NOTIF_RECV)", rc);
            Interlocked.Increment(ref _received);
            Dispatch(in notif);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void Dispatch(in SeccompNotif notif)
    {
        int tid = (int)notif.Pid;
        if (tid == 0)
        {
            // A task outside our pid namespace view.
            Answer(notif.Id, SyscallDecision.Fail(Errno.EPERM));
            return;
        }
        var args = default(SyscallArgs);
        fixed (ulong* a = notif.Data.Args)
            new ReadOnlySpan<ulong>(a, SyscallArgs.Count).CopyTo(args);
        int pid = _groups.Resolve(tid);
        if (pid == _ownPid)
        {
            // A thread of this (trusted) process: the spawning thread (between filter and exit) or one it created.
            // Never ask the handler, it could hold a lock the handler needs. Decided by tgid, never by the spawning
            // thread's tid alone: once that thread has exited, a tracee can get its tid (pid wrap-around, or
            // clone3 set_tid) and would otherwise be waved through.
            Answer(notif.Id, SyscallDecision.Continue);
            return;
        }
        var ev = new SyscallEvent(notif.Id, pid, tid, HostArch.Current, notif.Data.Nr, in args,
            notif.Data.InstructionPointer, InterceptionBackend.SeccompNotify);
        _context.Set(notif.Id, tid);
        Answer(notif.Id, Decide(in ev));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyscallDecision Decide(in SyscallEvent ev)
    {
        try
        {
            return _handler.Handle(in ev, _context);
        }
        catch (Exception ex)
        {
            LastHandlerError = ex;
            Interlocked.Increment(ref _handlerErrors);
            return SyscallDecision.Fail(Errno.ENOSYS); // fail closed: no decision, no call
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Answer(ulong id, in SyscallDecision decision)
    {
        int rc;
        switch (decision.Kind)
        {
            case SyscallDecisionKind.Continue:
                rc = _listener.RespondContinue(id);
                break;
            case SyscallDecisionKind.Fail:
                rc = _listener.Respond(id, 0, -(int)decision.Value, 0);
                break;
            case SyscallDecisionKind.Return:
                rc = _listener.Respond(id, decision.Value, 0, 0);
                break;
            case SyscallDecisionKind.InjectFd:
                int installed = _listener.AddFd(id, decision.Fd, decision.TargetFd, decision.CloseOnExec, send: true);
                if (decision.CloseFdAfter)
                    Libc.Close(decision.Fd);
                rc = installed >= 0 ? 0 : -installed;
                if (rc is not 0 and not Errno.ENOENT)
                    rc = _listener.Respond(id, 0, -rc, 0); // e.g. EBADF/EMFILE: the call fails with it
                break;
            default:
                // Alter/Step need ptrace; never run the call unaltered instead.
                Interlocked.Increment(ref _unsupported);
                rc = _listener.Respond(id, 0, -Errno.ENOSYS, 0);
                break;
        }
        if (rc is not 0 and not Errno.ENOENT) // ENOENT: the caller died or was interrupted meanwhile
            throw new ErrnoException("ioctl(SECCOMP_IOCTL_NOTIF_SEND)", rc);
    }

    private void WarmUp()
    {
        // Compile (JIT) the whole per-call path now, while no tracee can hold a runtime lock we would need.
        ReadOnlySpan<ulong> none = [0, 0, 0, 0, 0, 0];
        _ = _groups.Resolve(Environment.ProcessId);
        _ = ProcStatus.ReadTgid(Environment.ProcessId);
        var ev = new SyscallEvent(0, Environment.ProcessId, 0, HostArch.Current, -1, none, 0,
            InterceptionBackend.None);
        _context.Set(0, 0, warmup: true);
        Span<byte> scratch = stackalloc byte[16];
        _context.ReadMemory(0, scratch);
        _context.ReadCString(0, scratch);
        _ = Decide(in ev);
        _ = IsSupported(SyscallDecisionKind.Fail);
        // The listener calls on fd -1 fail fast with EBADF but get their stubs compiled.
        _ = _listener.Receive(out _);
        _ = _listener.Respond(0, 0, 0, 0);
        _ = _listener.AddFd(0, -1, -1, false, false);
        _ = _listener.IsValid(0);
        _ = _listener.TryEnableSyncWakeUp();
        unsafe
        {
            var pfd = new PollFd { Fd = -1 };
            _ = Libc.Poll(&pfd, 1, 0);
        }
        _ = _context.IsStillValid();
        Interlocked.Increment(ref _received);
        Interlocked.Decrement(ref _received);
        RunBlocking(compileOnly: true);
        Run(compileOnly: true);
    }

    private void Shutdown()
    {
        // Closing the listener makes the kernel fail pending and future trapped calls with ENOSYS.
        _listener.Dispose();
        if (!TraceesGone)
            KillTree();
        _done.Set();
    }

    private unsafe void KillTree()
    {
        if (_rootPidfd >= 0)
            Libc.PidfdSendSignal(_rootPidfd, Libc.SIGKILL, null, 0);
        if (_rootPid > 0)
            Libc.Kill(_killGroup ? -_rootPid : _rootPid, Libc.SIGKILL);
    }
}
