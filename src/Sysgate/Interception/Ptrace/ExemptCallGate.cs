using Sysgate.Interception.Notify;
using Sysgate.Native;
using Sysgate.Native.Seccomp;

namespace Sysgate.Interception.Ptrace;

/// <summary>
/// After the seize, answers the listener that receives every call made from this process's libc code, for
/// as long as any task uses the filter.
/// </summary>
/// <remarks>
/// <para>Legitimate callers: threads of this process (the spawn thread on its way out) and the root before its
/// exec completes (posix_spawn's error path). Everything else comes from a tracee running code mapped at our
/// libc's addresses, a way to make calls the RET_TRACE rules never see: those fail with ENOSYS, so nothing
/// runs untraced.</para>
/// <para>Keeping the listener open also keeps the filter's listener slot taken: a tracee asking for its own
/// NEW_LISTENER gets EBUSY, and cannot answer calls ahead of the tracer (USER_NOTIF outranks RET_TRACE).</para>
/// <para>Who serves it (<see cref="GateHandoff"/>): the tracer thread until posix_spawn has returned (all the
/// legitimate calls come before that), then the thread waiting in <see cref="PtraceSession.WaitForExit"/>, or a
/// thread of its own when the session is awaited through its task. A trace therefore needs no extra thread.</para>
/// </remarks>
internal sealed class ExemptCallGate : IDisposable
{
    private readonly SeccompListener _listener;
    private readonly PtraceTracer _tracer;
    private readonly int _rootPid;
    private readonly int _ownPid = Environment.ProcessId;
    private readonly ThreadGroupResolver _groups;
    private long _refused;

    /// <summary>A gate over <paramref name="listener"/>, which it owns from now on.</summary>
    public ExemptCallGate(SeccompListener listener, PtraceTracer tracer, int rootPid)
    {
        _listener = listener;
        _tracer = tracer;
        _rootPid = rootPid;
        _groups = new ThreadGroupResolver(_ownPid, rootPid); // the spawn thread's calls: one tgkill, no /proc read
    }

    /// <summary>Calls refused because they came from a tracee running code at our libc's addresses.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Serves on a background thread until the filter has no users, then closes the listener.</summary>
    public void StartThread()
    {
        // Not on the CPU the CLI pinned the session to: its start-up can run on another CPU meanwhile.
        Threading.NativeThread.StartDetached("sysgate-gate", () =>
        {
            ServeUntil(-1);
            Dispose();
        }, Threading.CpuAffinity.Original);
    }

    /// <summary>
    /// Serves on the calling thread until <paramref name="wakeFd"/> is readable or gone (-1: no such fd) or the
    /// filter has no users any more; with <paramref name="giveUp"/>, also when that says so (asked every
    /// <paramref name="checkMs"/> ms). Returns false only when <paramref name="giveUp"/> ended it.
    /// </summary>
    public unsafe bool ServeUntil(int wakeFd, Func<bool>? giveUp = null, int checkMs = -1)
    {
        var fds = stackalloc PollFd[2];
        ulong count = wakeFd < 0 ? 1UL : 2UL;
        while (true)
        {
            fds[0] = new PollFd { Fd = _listener.Fd, Events = PollFd.POLLIN };
            fds[1] = new PollFd { Fd = wakeFd, Events = PollFd.POLLIN };
            int n = Sysgate.Native.Interop.Libc.Poll(fds, count, giveUp is null ? -1 : checkMs);
            if (n < 0 && Errno.Last != Errno.EINTR) return true;
            if (n == 0 && giveUp is not null && giveUp()) return false;
            if (n <= 0) continue;
            if ((fds[0].Revents & PollFd.POLLIN) != 0) Answer();
            else if (fds[0].Revents != 0) return true; // POLLHUP: no task uses the filter any more
            if (count == 2 && fds[1].Revents != 0) return true;
        }
    }

    /// <summary>Closes the listener: a call that would reach it fails with ENOSYS from now on.</summary>
    public void Dispose() => _listener.Dispose();

    private void Answer()
    {
        if (_listener.Receive(out SeccompNotif notif) != 0) return;
        int pid = _groups.Resolve((int)notif.Pid);
        bool legitimate = pid == _ownPid || (pid == _rootPid && !_tracer.RootExecDone);
        if (legitimate)
        {
            _listener.RespondContinue(notif.Id);
            return;
        }
        Interlocked.Increment(ref _refused);
        _listener.Respond(notif.Id, 0, -Errno.ENOSYS, 0);
    }
}
