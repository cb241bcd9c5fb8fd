using Sysgate.Interception.Bpf;
using Sysgate.Interception.Notify;
using Sysgate.Native;
using Sysgate.Native.Ptrace;
using Sysgate.Native.Seccomp;
using Sysgate.Spawn;

namespace Sysgate.Interception.Ptrace;

/// <summary>
/// Starts a program under the ptrace backend, attached before its first instruction, with a seccomp
/// RET_TRACE filter so only calls of interest stop (strace --seccomp-bpf style).
/// </summary>
/// <remarks>
/// <para>How the child is seized before it runs: the spawn thread installs (on itself only) a filter whose
/// first rule exempts calls made from this process's libc code, except execve/execveat, which go to a
/// user-notification listener. The spawn thread's own calls and posix_spawn's child before exec therefore
/// run untouched; the child's execve blocks in the listener; the tracer thread seizes the child
/// (PTRACE_SEIZE with EXITKILL, TRACESECCOMP and fork/clone/exec following), answers CONTINUE, and from
/// then on every call of interest stops in the tracer. Without the exemption the child's pre-exec dup2 or
/// close_range would hit RET_TRACE with no tracer attached and fail with ENOSYS.</para>
/// <para>The root child is reaped by the tracer thread, not through the <see cref="ChildProcess"/>.</para>
/// </remarks>
public sealed class PtraceSession : IDisposable
{
    private readonly PtraceTracer _tracer;
    private readonly SeccompThreadSetup _setup;
    private readonly ChildProcess _child;
    private readonly GateHandoff _gate;

    private PtraceSession(PtraceTracer tracer, SeccompThreadSetup setup, ChildProcess child, GateHandoff gate)
    {
        _tracer = tracer;
        _setup = setup;
        _child = child;
        _gate = gate;
    }

    /// <summary>The traced program's pid.</summary>
    public int RootPid => _child.Pid;

    /// <summary>Completes with the root's wait status once every tracee is gone.</summary>
    /// <remarks>Asking for it starts a thread that answers the listener for calls from our libc's addresses (see
    /// <see cref="ExemptCallGate"/>); <see cref="WaitForExit"/> does that on the waiting thread instead. Until one
    /// of the two is called, such a call (only a tracee running code at those addresses makes one) waits.</remarks>
    public Task<WaitStatus> Completion
    {
        get
        {
            _gate.ServeOnThread();
            return _tracer.Completion;
        }
    }

    /// <summary>
    /// Spawns <paramref name="spec"/> (its <see cref="SpawnSpec.ThreadSetup"/> must be unset) with the calls in
    /// <paramref name="interest"/> stopping in <paramref name="client"/> on the tracer thread.
    /// </summary>
    public static PtraceSession Start(SpawnSpec spec, IEnumerable<int> interest, IPtraceClient client)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.ThreadSetup is not null)
            throw new ArgumentException("The ptrace backend installs its own spawn-thread setup.", nameof(spec));
        ArgumentNullException.ThrowIfNull(interest);
        var arch = HostArch.Current;
        var numbers = interest as IReadOnlyCollection<int> ?? [.. interest];
        var libc = LibcTextRange.Find();
        var execs = ExecNumbers(arch);
        var program = new SeccompProgramBuilder(arch)
            .ExemptCodeRange(libc.Start, libc.End, execs, SeccompAction.UserNotif)
            .ExemptCodeRangeOverride(PreExecNumbers(arch), SeccompAction.Allow)
            .Add(numbers, SeccompAction.Trace())
            .Build();
        var setup = new SeccompThreadSetup(program);
        var tracer = new PtraceTracer(client)
        {
            RootRelease = Threading.CpuAffinity.Pinned ? PinnedRootRelease.For(arch, numbers) : null,
        };
        var gate = new GateHandoff();
        tracer.Ended = gate.TracerEnded;
        // A quick program can exit before SafeProcess.Start has opened its pidfd; the tracer must not reap it sooner.
        tracer.RootExitGate = () => gate.HasSpawnReturned;
        tracer.Start(t => SeizeAtExec(t, setup, gate));
        ChildProcess child;
        try
        {
            child = SafeProcess.Start(spec with { ThreadSetup = setup });
        }
        catch (Exception e)
        {
            if (e is SpawnException failed) tracer.FailRootExec(failed.Errno);
            gate.SpawnReturned();
            setup.Dispose();
            gate.ServeOnThread();
            // A child seized in its failed execve has exited: the tracer reports that call's result and the exit,
            // then ends. The client (the trace output) is disposed by our caller, so let it finish first.
            tracer.ReleaseThread(wait: tracer.WaitForCompletion(TimeSpan.FromSeconds(5)));
            throw;
        }
        gate.SpawnReturned();
        return new PtraceSession(tracer, setup, child, gate);
    }

    /// <summary>Blocks until every tracee is gone; returns the root's exit status. Meanwhile answers, on the
    /// calling thread, the listener for calls from our libc's addresses (see <see cref="ExemptCallGate"/>).</summary>
    public ExitStatus WaitForExit()
    {
        _gate.ServeHere();
        var status = _tracer.WaitForCompletion();
        return status.Signaled ? ExitStatus.Killed(status.TermSignal, status.CoreDumped) : ExitStatus.Exited(status.ExitCode);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _child.Dispose();
        _setup.Dispose();
        _gate.Dispose();
        _tracer.ReleaseThread(wait: _tracer.Completion.IsCompleted); // a tracer still at work is let go
    }

    // Runs on the tracer thread: answer the spawn's own calls from our libc, seize the child at its execve, let
    // the exec go on, answer the rest of the spawn's calls until posix_spawn has returned, then hand the listener
    // on (GateHandoff) and start tracing.
    private static int SeizeAtExec(PtraceTracer tracer, SeccompThreadSetup setup, GateHandoff handoff)
    {
        Func<bool> spawnReturned = () => handoff.HasSpawnReturned;
        int fd = setup.WaitForListener(spawnReturned);
        if (fd < 0)
        {
            handoff.Offer(null);
            throw new InvalidOperationException("The spawn thread did not install the ptrace filter.");
        }
        var listener = new SeccompListener();
        listener.Attach(fd);
        listener.TryEnableSyncWakeUp(); // ~70 pre-exec calls of posix_spawn's child come through here
        var execs = ExecNumbers(HostArch.Current);
        int ownPid = Environment.ProcessId;
        var groups = new Notify.ThreadGroupResolver(ownPid); // our own threads: one tgkill, no /proc read
        try
        {
            while (true)
            {
                if (!WaitReadable(listener.Fd, spawnReturned))
                    throw new InvalidOperationException("The child ended before its execve; nothing to trace.");
                int rc = listener.Receive(out SeccompNotif notif);
                if (rc != 0)
                {
                    if (rc == Errno.EINTR || rc == Errno.ENOENT) continue;
                    throw new ErrnoException("SECCOMP_IOCTL_NOTIF_RECV while waiting for the child's execve", rc);
                }
                int pid = (int)notif.Pid;
                // Before the seize only two kinds of task run in this filter: our spawn thread and posix_spawn's
                // child, both executing our libc. Everything but the child's execve just runs.
                if (Array.IndexOf(execs, notif.Data.Nr) < 0 || groups.Resolve(pid) == ownPid)
                {
                    listener.RespondContinue(notif.Id);
                    continue;
                }
                tracer.Seize(pid);
                tracer.BeginRootExec(pid, notif.Data);
                listener.RespondContinue(notif.Id);
                var gate = new ExemptCallGate(listener, tracer, pid);
                // The spawn thread's last calls (unmapping the child's stack, its own exit) and a failed exec's
                // exit come here; our caller waits for them, so nobody else may be serving yet. Should the child
                // stop meanwhile (a signal right after a failed exec), the loop must run: a thread takes over.
                if (handoff.SpawnReturnedFd < 0 || !gate.ServeUntil(handoff.SpawnReturnedFd, () => PtraceTracer.HasPendingEvent(pid), 20))
                    handoff.ServeOnThread();
                handoff.Offer(gate);
                return pid;
            }
        }
        catch
        {
            handoff.Offer(null);
            listener.Dispose();
            throw;
        }
    }

    // poll in short slices: if posix_spawn returned without an execve reaching us, the spawn failed.
    private static unsafe bool WaitReadable(int fd, Func<bool> spawnReturned)
    {
        while (true)
        {
            var pfd = new PollFd { Fd = fd, Events = PollFd.POLLIN };
            int n = Sysgate.Native.Interop.Libc.Poll(&pfd, 1, 50);
            if (n > 0 && (pfd.Revents & PollFd.POLLIN) != 0) return true;
            if (n > 0 && (pfd.Revents & (PollFd.POLLHUP | PollFd.POLLERR | PollFd.POLLNVAL)) != 0) return false;
            if (n == 0 && spawnReturned()) return false;
        }
    }

    // posix_spawn's child resets every signal disposition (~64 rt_sigaction calls) and sets up its fds (dup2,
    // close_range) before its execve; the spawn thread's own calls include getpid/gettid. Answered in the filter,
    // not by a listener round trip each (~20 us apiece on the critical path of every start). The criterion, for
    // a tracee that maps code at our libc addresses and makes these untraced: each only changes the caller's own
    // signal state or fd table, or reads its own ids. None creates a process, execs, or opens, reads or sends
    // anything; clone, mmap and the like stay with the listener, which refuses them from tracees.
    private static int[] PreExecNumbers(Arch arch) => arch switch
    {
        Arch.X86_64 =>
        [
            Sysno.X86_64.rt_sigaction, Sysno.X86_64.rt_sigprocmask, Sysno.X86_64.dup2, Sysno.X86_64.dup3,
            Sysno.X86_64.close, Sysno.X86_64.close_range, Sysno.X86_64.getpid, Sysno.X86_64.gettid,
        ],
        Arch.Aarch64 =>
        [
            Sysno.Aarch64.rt_sigaction, Sysno.Aarch64.rt_sigprocmask, Sysno.Aarch64.dup3,
            Sysno.Aarch64.close, Sysno.Aarch64.close_range, Sysno.Aarch64.getpid, Sysno.Aarch64.gettid,
        ],
        _ => throw new PlatformNotSupportedException(),
    };

    private static int[] ExecNumbers(Arch arch) => arch switch
    {
        Arch.X86_64 => [Sysno.X86_64.execve, Sysno.X86_64.execveat],
        Arch.Aarch64 => [Sysno.Aarch64.execve, Sysno.Aarch64.execveat],
        _ => throw new PlatformNotSupportedException(),
    };
}
