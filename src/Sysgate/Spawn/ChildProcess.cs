using Sysgate.Native;
using Sysgate.Native.Interop;

namespace Sysgate.Spawn;

/// <summary>
/// A child started by <see cref="SafeProcess.Start"/>, held through a pidfd (no pid-reuse races).
/// The caller is its only reaper: wait for it (<see cref="WaitForExit"/>) or it stays a zombie until this
/// process exits. Disposing closes the pidfd; it neither kills nor reaps the child.
/// </summary>
public sealed unsafe class ChildProcess : IDisposable
{
    private readonly object _gate = new();
    private ExitStatus? _status;
    private int _pidFd;

    internal ChildProcess(int pid, int pidFd)
    {
        Pid = pid;
        _pidFd = pidFd;
    }

    /// <summary>The child's process id.</summary>
    public int Pid { get; }

    /// <summary>The pidfd (close-on-exec) referring to the child, or -1 once disposed.</summary>
    public int PidFd => _pidFd;

    /// <summary>Whether the child has ended (reaps it if so).</summary>
    public bool HasExited
    {
        get
        {
            lock (_gate)
            {
                if (_status is not null) return true;
                return TryReap(WaitConst.WNOHANG) is not null;
            }
        }
    }

    /// <summary>Blocks until the child ends and returns how it ended.</summary>
    public ExitStatus WaitForExit()
    {
        lock (_gate)
            if (_status is { } known) return known;
        // Block without reaping (WNOWAIT) outside the lock, so HasExited on another thread never waits on us.
        SigInfo info;
        while (Libc.Waitid(WaitConst.P_PIDFD, (uint)LivePidFd(), &info, WaitConst.WEXITED | WaitConst.WNOWAIT) < 0)
        {
            int err = Errno.Last;
            if (err == Errno.EINTR) continue;
            if (err == Errno.ECHILD) break;  // reaped by a concurrent waiter: the status is recorded below
            throw new ErrnoException($"waitid(pidfd of {Pid})", err);
        }
        lock (_gate)
            return _status ?? TryReap(WaitConst.WNOHANG)
                ?? throw new InvalidOperationException($"child {Pid} was reaped by someone else (is SIGCHLD ignored?).");
    }

    /// <summary>Completes when the child ends. Cancellation stops the wait, not the child.</summary>
    public Task<ExitStatus> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        if (HasExited) return Task.FromResult(_status!.Value);
        var done = new TaskCompletionSource<ExitStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        // One short-lived thread per wait, polling the pidfd (readable when the child exits); the timeout
        // only bounds how long a cancelled or disposed wait lingers.
        var waiter = new Thread(() =>
        {
            try
            {
                var pfd = new PollFd { Events = PollFd.POLLIN };
                while (!done.Task.IsCompleted)
                {
                    int fd = _pidFd;
                    if (fd < 0) { done.TrySetException(new ObjectDisposedException(nameof(ChildProcess))); break; }
                    pfd.Fd = fd;
                    if (Libc.Poll(&pfd, 1, 200) > 0) { done.TrySetResult(WaitForExit()); break; }
                }
            }
            catch (Exception e) { done.TrySetException(e); }
            finally { registration.Dispose(); }
        }) { IsBackground = true, Name = $"sysgate wait {Pid}" };
        waiter.Start();
        return done.Task;
    }

    /// <summary>Sends <paramref name="signal"/> (default SIGKILL) through the pidfd; a child that already
    /// exited is not an error.</summary>
    public void Kill(int signal = 9)
    {
        if (Libc.PidfdSendSignal(LivePidFd(), signal, null, 0) < 0 && Errno.Last != Errno.ESRCH)
            throw ErrnoException.FromLast($"pidfd_send_signal({Pid}, {signal})");
    }

    private ExitStatus? TryReap(int flags)
    {
        SigInfo info = default;
        while (Libc.Waitid(WaitConst.P_PIDFD, (uint)LivePidFd(), &info, WaitConst.WEXITED | flags) < 0)
        {
            if (Errno.Last == Errno.EINTR) continue;
            throw ErrnoException.FromLast($"waitid(pidfd of {Pid})");
        }
        if (info.Pid == 0) return null;  // WNOHANG: still running
        _status = info.Code == WaitConst.CLD_EXITED
            ? ExitStatus.Exited(info.Status)
            : ExitStatus.Killed(info.Status, info.Code == WaitConst.CLD_DUMPED);
        return _status;
    }

    private int LivePidFd()
    {
        int fd = _pidFd;
        ObjectDisposedException.ThrowIf(fd < 0, this);
        return fd;
    }

    /// <summary>Closes the pidfd (does not kill or reap the child).</summary>
    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _pidFd, -1);
        if (fd >= 0) Libc.Close(fd);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes a pidfd the owner forgot to dispose (it is close-on-exec, so it never leaked to children).</summary>
    ~ChildProcess()
    {
        int fd = Interlocked.Exchange(ref _pidFd, -1);
        if (fd >= 0) Libc.Close(fd);
    }
}
