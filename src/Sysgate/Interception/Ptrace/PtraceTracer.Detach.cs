using Sysgate.Native;
using Sysgate.Native.Interop;
using Sysgate.Native.Ptrace;

namespace Sysgate.Interception.Ptrace;

// Detaching (Ctrl-C on `trace -p`): every tracee is interrupted and let go at its next stop, running on.
public sealed unsafe partial class PtraceTracer
{
    private volatile bool _detachRequested;
    private bool _detaching;
    private bool _pokePending;

    /// <summary>True once the loop ended because of <see cref="RequestDetach"/> (the tracees live on).</summary>
    public bool Detached { get; private set; }

    /// <summary>
    /// Asks the tracer to detach from every tracee and end, leaving them running (Ctrl-C on <c>-p</c>). Any
    /// thread. ptrace calls must come from the tracer thread, which may be blocked in waitpid: a SIGSTOP to
    /// the root wakes it with a signal-delivery-stop, which the tracer then suppresses.
    /// </summary>
    public void RequestDetach()
    {
        if (_detachRequested) return;
        _pokePending = true;
        _detachRequested = true;
        // Thread-directed, so we know which tracee must dequeue it before it may be detached.
        int tgkill = HostArch.Current == Arch.X86_64 ? Sysno.X86_64.tgkill : Sysno.Aarch64.tgkill;
        if (Libc.Syscall(tgkill, _rootPid, _rootPid, SIGSTOP, 0, 0, 0) < 0) _pokePending = false;
    }

    // Every tracee but the one that just stopped gets PTRACE_INTERRUPT; each is detached at its next stop.
    private void BeginDetach(int stoppedTid)
    {
        _detaching = true;
        Detached = true;
        foreach (int tid in _tracees.Keys)
            if (tid != stoppedTid) Libc.Ptrace(PtraceRequest.Interrupt, tid, 0, 0);
    }

    private void DetachAtStop(int tid, WaitStatus status)
    {
        int sig = 0;
        if (status.Event == PtraceEvent.None && status.StopSignal != (SIGTRAP | 0x80))
        {
            sig = status.StopSignal; // a real signal is passed on at detach...
            if (sig == SIGSTOP && _pokePending)
            {
                sig = 0; // ...except our own wake-up SIGSTOP
                _pokePending = false;
            }
        }
        if (_pokePending && tid == _rootPid)
        {
            // The wake-up SIGSTOP is still queued for this thread: detaching now would stop the process for
            // real. Let it run into its signal-delivery-stop first.
            Libc.Ptrace(PtraceRequest.Cont, tid, 0, sig);
            return;
        }
        Libc.Ptrace(PtraceRequest.Detach, tid, 0, sig);
        _tracees.Remove(tid);
    }
}
