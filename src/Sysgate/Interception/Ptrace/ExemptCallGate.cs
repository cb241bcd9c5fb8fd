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
/// </remarks>
internal sealed class ExemptCallGate
{
    private readonly SeccompListener _listener;
    private readonly PtraceTracer _tracer;
    private readonly int _rootPid;
    private readonly int _ownPid = Environment.ProcessId;
    private readonly ThreadGroupResolver _groups;
    private long _refused;

    private ExemptCallGate(SeccompListener listener, PtraceTracer tracer, int rootPid)
    {
        _listener = listener;
        _tracer = tracer;
        _rootPid = rootPid;
        _groups = new ThreadGroupResolver(_ownPid, rootPid); // the spawn thread's calls: one tgkill, no /proc read
    }

    /// <summary>Calls refused because they came from a tracee running code at our libc's addresses.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Takes over <paramref name="listener"/> on a background thread until the filter has no users.</summary>
    public static ExemptCallGate Start(SeccompListener listener, PtraceTracer tracer, int rootPid)
    {
        var gate = new ExemptCallGate(listener, tracer, rootPid);
        // Not on the CPU the CLI pinned the session to: the gate's own start-up can then run on another CPU
        // while the tracer and the new program go on (a synchronous wake-up may still bring it over later).
        Threading.NativeThread.StartDetached("sysgate-gate", gate.Run, Threading.CpuAffinity.Original);
        return gate;
    }

    private unsafe void Run()
    {
        try
        {
            while (true)
            {
                var pfd = new PollFd { Fd = _listener.Fd, Events = PollFd.POLLIN };
                int n = Sysgate.Native.Interop.Libc.Poll(&pfd, 1, 200);
                if (n < 0 && Errno.Last != Errno.EINTR) return;
                if (n <= 0) continue;
                if ((pfd.Revents & PollFd.POLLIN) == 0) return; // POLLHUP: no task uses the filter any more
                if (_listener.Receive(out SeccompNotif notif) != 0) continue;
                int pid = _groups.Resolve((int)notif.Pid);
                bool legitimate = pid == _ownPid || (pid == _rootPid && !_tracer.RootExecDone);
                if (legitimate)
                {
                    _listener.RespondContinue(notif.Id);
                }
                else
                {
                    Interlocked.Increment(ref _refused);
                    _listener.Respond(notif.Id, 0, -Errno.ENOSYS, 0);
                }
            }
        }
        finally
        {
            _listener.Dispose();
        }
    }
}
