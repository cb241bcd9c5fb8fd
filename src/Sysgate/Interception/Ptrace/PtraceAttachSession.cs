using Sysgate.Native.Ptrace;

namespace Sysgate.Interception.Ptrace;

/// <summary>
/// Traces an already running process and all its threads (strace -p): PTRACE_SEIZE + PTRACE_INTERRUPT of
/// every /proc/PID/task/* entry, then every syscall stops at entry and exit (the process has no RET_TRACE
/// filter of ours, so this is the classic, slower PTRACE_SYSCALL mode). Children it forks are followed.
/// </summary>
public sealed class PtraceAttachSession
{
    private readonly PtraceTracer _tracer;
    private readonly Task<WaitStatus?> _completion;

    private PtraceAttachSession(PtraceTracer tracer, int pid)
    {
        _tracer = tracer;
        RootPid = pid;
        _completion = tracer.Completion.ContinueWith<WaitStatus?>(t => tracer.Detached ? null : t.GetAwaiter().GetResult(),
            TaskScheduler.Default);
    }

    /// <summary>The attached process.</summary>
    public int RootPid { get; }

    /// <summary>Completes when every tracee is gone (the process's wait status) or detached (null).</summary>
    public Task<WaitStatus?> Completion => _completion;

    /// <summary>
    /// Attaches to <paramref name="pid"/> and its threads, reporting to <paramref name="client"/> on the tracer
    /// thread. Throws (ESRCH, EPERM...) when the first attach fails.
    /// </summary>
    public static PtraceAttachSession Start(int pid, IPtraceClient client)
    {
        if (pid <= 0) throw new ArgumentOutOfRangeException(nameof(pid), "a process id is positive");
        if (!Directory.Exists($"/proc/{pid}/task"))
            throw new ArgumentException($"no process {pid}", nameof(pid));
        var tracer = new PtraceTracer(client, allSyscallStops: true);
        var attached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tracer.Start(t =>
        {
            try
            {
                AttachAll(t, pid);
                attached.TrySetResult();
            }
            catch (Exception e)
            {
                attached.TrySetException(e);
                throw;
            }
            return pid;
        });
        attached.Task.GetAwaiter().GetResult(); // surfaces the attach error on the caller's thread
        return new PtraceAttachSession(tracer, pid);
    }

    /// <summary>Detach from everything and end; the process runs on untraced. Any thread.</summary>
    public void RequestDetach() => _tracer.RequestDetach();

    /// <summary>Once <see cref="Completion"/> is done: waits until the tracer thread itself has ended (see
    /// <see cref="PtraceTracer.ReleaseThread"/>).</summary>
    internal void WaitForTracerThread() => _tracer.ReleaseThread(wait: true);

    // Threads may be created while we attach (those of traced threads come by PTRACE_EVENT_CLONE): list again
    // until a pass finds nothing new, as strace does.
    private static void AttachAll(PtraceTracer tracer, int pid)
    {
        tracer.Attach(pid);
        for (bool found = true; found;)
        {
            found = false;
            string[] tasks;
            try { tasks = Directory.GetDirectories($"/proc/{pid}/task"); }
            catch (DirectoryNotFoundException) { return; }
            foreach (var dir in tasks)
            {
                if (!int.TryParse(Path.GetFileName(dir), out int tid) || tracer.IsTraced(tid)) continue;
                try { tracer.Attach(tid); found = true; }
                catch (Sysgate.Native.ErrnoException) { } // it exited meanwhile
            }
        }
    }
}
