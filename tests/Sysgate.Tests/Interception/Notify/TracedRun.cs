using System.Diagnostics;
using Sysgate.Interception;
using Sysgate.Interception.Bpf;
using Sysgate.Interception.Notify;
using Sysgate.Native;

namespace Sysgate.Tests.Interception.Notify;

/// <summary>
/// Runs a real program under the notify backend: filter installed on a dedicated thread that then starts the
/// child, supervisor answering on its own thread. Stand-in spawner until SafeProcess is available here.
/// </summary>
internal sealed class TracedRun : IDisposable
{
    public const int Openat = 257, Getppid = 110, Execve = 59, Uname = 63, Getpid = 39;

    public NotifySupervisor Supervisor { get; }
    public Process Process { get; }
    public string Stdout { get; private set; } = "";
    public string Stderr { get; private set; } = "";
    private readonly SeccompThreadSetup _setup;

    static TracedRun()
    {
        // Warm Process.Start (types, SIGCHLD handling, its threads) unfiltered, so the filtered spawning thread
        // neither loads code nor creates runtime threads (which would inherit the filter).
        using var p = Process.Start(new ProcessStartInfo("/bin/true") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
    }

    private TracedRun(SeccompThreadSetup setup, NotifySupervisor supervisor, Process process)
    {
        _setup = setup;
        Supervisor = supervisor;
        Process = process;
    }

    public static TracedRun Start(ISyscallHandler handler, int[] interest, string file, params string[] args)
    {
        var program = new SeccompProgramBuilder(HostArch.Current).Add(interest, SeccompAction.UserNotif).Build();
        var setup = new SeccompThreadSetup(program);
        var supervisor = new NotifySupervisor(setup, handler);
        supervisor.Start();
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        Process? process = null;
        Exception? error = null;
        var spawner = new Thread(() =>
        {
            try
            {
                setup.Apply();
                process = Process.Start(psi);
            }
            catch (Exception ex)
            {
                error = ex;
            }
        });
        spawner.Start();
        spawner.Join();
        if (error != null || process == null)
        {
            supervisor.Dispose();
            throw new InvalidOperationException("spawn failed", error);
        }
        supervisor.TrackTree(process.Id);
        return new TracedRun(setup, supervisor, process);
    }

    /// <summary>Reads all output and waits for exit and for the supervisor to see every tracee gone.</summary>
    public int Wait(int timeoutSeconds = 20)
    {
        var stdout = Process.StandardOutput.ReadToEndAsync();
        var stderr = Process.StandardError.ReadToEndAsync();
        if (!Process.WaitForExit(timeoutSeconds * 1000))
            throw new TimeoutException("traced program did not exit");
        Stdout = stdout.Result;
        Stderr = stderr.Result;
        Assert.True(Supervisor.WaitForCompletion(TimeSpan.FromSeconds(timeoutSeconds)), "supervisor did not see the tracees go");
        Assert.Null(Supervisor.Fault);
        return Process.ExitCode;
    }

    public void Dispose()
    {
        Supervisor.Dispose();
        Process.Dispose();
        _setup.Dispose();
    }
}

/// <summary>Records events (with the path argument of openat) from a handler; thread-safe, lock-free for the supervisor.</summary>
internal sealed class Recorder
{
    public readonly record struct Seen(int Pid, int Tid, int Number, string? Path);

    private readonly System.Collections.Concurrent.ConcurrentQueue<Seen> _seen = new();
    private readonly int _pathArg;

    public Recorder(int pathArg = 1) => _pathArg = pathArg;

    public IReadOnlyList<Seen> Events => _seen.ToArray();

    /// <summary>Records the event and returns the path (for openat-style calls).</summary>
    public string? Record(in SyscallEvent ev, SyscallContext ctx)
    {
        Span<byte> buf = stackalloc byte[4096];
        string? path = null;
        if (ev.Number == TracedRun.Openat || ev.IsWarmup)
        {
            int n = ctx.ReadCString(ev.Arg(_pathArg), buf);
            path = n >= 0 ? System.Text.Encoding.UTF8.GetString(buf[..n]) : $"<errno {-n}>";
        }
        var seen = new Seen(ev.Pid, ev.Tid, ev.Number, path);
        if (!ev.IsWarmup && ev.Pid != Environment.ProcessId)
            _seen.Enqueue(seen);
        return path;
    }
}
