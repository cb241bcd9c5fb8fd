using Sysgate.Interception;
using Sysgate.Interception.Bpf;
using Sysgate.Interception.Notify;
using Sysgate.Native;
using Sysgate.Spawn;
using Sysgate.Syscalls;

namespace Sysgate.Tests.Interception.Notify;

/// <summary>
/// Runs a real program with <see cref="SafeProcess"/> under the notify backend (<see cref="TracedProcess"/>),
/// stdin from /dev/null, stdout and stderr captured in temporary files.
/// </summary>
internal sealed class TracedRun : IDisposable
{
    // Host-arch numbers from the syscall table, so the tests run on x86_64 and aarch64 alike.
    public static readonly int Openat = Nr("openat"), Getppid = Nr("getppid"), Execve = Nr("execve");

    public static int Nr(string name) => SyscallTable.TryGetByName(name, out var info)
        ? info.NumberOn(HostArch.Current) : throw new ArgumentException($"unknown syscall {name}");

    private readonly TracedProcess _traced;
    private readonly string _out, _err;

    private TracedRun(TracedProcess traced, string stdoutPath, string stderrPath)
    {
        _traced = traced;
        _out = stdoutPath;
        _err = stderrPath;
    }

    public NotifySupervisor Supervisor => _traced.Supervisor;
    public ChildProcess Child => _traced.Child;
    public string Stdout => File.ReadAllText(_out);
    public string Stderr => File.ReadAllText(_err);

    public static TracedRun Start(ISyscallHandler handler, int[] interest, string file, params string[] args)
        => StartIn(null, handler, interest, file, args);

    public static TracedRun StartIn(string? cwd, ISyscallHandler handler, int[] interest, string file, params string[] args)
    {
        var program = new SeccompProgramBuilder(HostArch.Current).Add(interest, SeccompAction.UserNotif).Build();
        string stdoutPath = Path.GetTempFileName(), stderrPath = Path.GetTempFileName();
        var spec = new SpawnSpec
        {
            Program = file,
            Arguments = args,
            WorkingDirectory = cwd,
            Fds = FdMap.Empty().MapFile(0, "/dev/null", FileOpenMode.Read)
                .MapFile(1, stdoutPath, FileOpenMode.Write).MapFile(2, stderrPath, FileOpenMode.Write),
        };
        return new TracedRun(TracedProcess.Start(spec, program, handler), stdoutPath, stderrPath);
    }

    /// <summary>Waits for the root to exit and for the supervisor to see every tracee gone; returns the exit code.</summary>
    public int Wait(int timeoutSeconds = 20)
    {
        var status = WaitForExit(timeoutSeconds) ?? throw new TimeoutException("traced program did not exit");
        Assert.True(Supervisor.WaitForCompletion(TimeSpan.FromSeconds(timeoutSeconds)), "supervisor did not see the tracees go");
        Assert.Null(Supervisor.Fault);
        return status.ShellExitCode;
    }

    /// <summary>The root's exit status, or null if it is still running after <paramref name="timeoutSeconds"/>.</summary>
    public ExitStatus? WaitForExit(int timeoutSeconds)
    {
        var wait = Child.WaitForExitAsync();
        return wait.Wait(TimeSpan.FromSeconds(timeoutSeconds)) ? wait.Result : null;
    }

    public void Dispose()
    {
        _traced.Dispose();
        File.Delete(_out);
        File.Delete(_err);
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
