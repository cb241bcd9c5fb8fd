using Sysgate.Interception.Ptrace;
using Sysgate.Native.Ptrace;
using Sysgate.Spawn;

namespace Sysgate.Tests.Interception.Ptrace;

public class PtraceSessionTests
{
    private const int Read = 0, Write = 1, Close = 3, Openat = 257, Execve = 59, ExitGroup = 231, Getppid = 110, Clone = 56, Wait4 = 61, CopyFileRange = 326;

    /// <summary>Records every call with its result; optionally injects.</summary>
    private sealed class Recorder : IPtraceClient
    {
        public readonly List<(int Tid, int Nr, long Result, bool Injected)> Calls = new();
        public readonly List<(int Tid, WaitStatus Status)> Exits = new();
        public readonly List<(int Tid, int Nr)> Entries = new();
        public Func<PtraceCall, long?>? Inject;

        public PtraceVerdict OnEntry(ref PtraceCall call, out bool altered)
        {
            altered = false;
            lock (Calls) Entries.Add((call.Tid, call.Number));
            if (Inject?.Invoke(call) is long value)
            {
                call.Result = value;
                return PtraceVerdict.Skip;
            }
            return PtraceVerdict.Step;
        }

        public long OnExit(ref PtraceCall call)
        {
            lock (Calls) Calls.Add((call.Tid, call.Number, call.Result, call.Injected));
            return call.Result;
        }

        public void OnSignal(int tid, int signal) { }
        public void OnExec(int tid, int formerTid) { }
        public void OnExit(int tid, WaitStatus status) { lock (Exits) Exits.Add((tid, status)); }
    }

    private static async Task<(ExitStatus Status, string Stdout)> Run(Recorder rec, int[] interest, string program, params string[] args)
    {
        var outFile = Path.GetTempFileName();
        try
        {
            var spec = new SpawnSpec { Program = program, Arguments = args, Fds = FdMap.Stdio().Close(1).MapFile(1, outFile, FileOpenMode.Write) };
            using var session = PtraceSession.Start(spec, interest, rec);
            await session.Completion.WaitAsync(TimeSpan.FromSeconds(20));
            return (session.WaitForExit(), File.ReadAllText(outFile));
        }
        finally
        {
            File.Delete(outFile);
        }
    }

    [Fact]
    public async Task Traces_a_shell_pipeline_with_results_from_the_first_instruction()
    {
        var rec = new Recorder();
        var (status, stdout) = await Run(rec, [Openat, Read, Write, Close, Execve, ExitGroup, CopyFileRange], "/bin/sh", "-c", "cat /etc/hostname | cat");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(File.ReadAllText("/etc/hostname"), stdout);
        // The root's execve is the first event, and it succeeded.
        Assert.Equal((Execve, 0L), (rec.Calls[0].Nr, rec.Calls[0].Result));
        // The second cat read the hostname from the pipe and wrote it (a pipe, so no copy_file_range).
        Assert.True(rec.Calls.Exists(c => c.Nr == Write && c.Result == stdout.Length), string.Join("; ", rec.Entries.TakeLast(12)) + " | " + string.Join("; ", rec.Calls.TakeLast(8)));
        Assert.Contains(rec.Calls, c => c.Nr == Openat && c.Result >= 0);
        Assert.Contains(rec.Exits, e => e.Status.Exited && e.Status.ExitCode == 0);
    }

    [Fact]
    public async Task Follows_forks_and_sees_every_child()
    {
        var rec = new Recorder();
        var (status, _) = await Run(rec, [Execve, ExitGroup], "/bin/sh", "-c", "/bin/true; /bin/true; (/bin/true); exit 3");
        Assert.Equal(3, status.ExitCode);
        // root execve + three /bin/true execs, each seen with result 0 from distinct processes.
        var execs = rec.Calls.Where(c => c.Nr == Execve && c.Result == 0).Select(c => c.Tid).ToList();
        Assert.True(execs.Distinct().Count() >= 4, $"execs seen: {execs.Count}");
    }

    [Fact]
    public async Task Injected_error_reaches_the_program_and_the_call_does_not_run()
    {
        var rec = new Recorder { Inject = c => c.Number == Openat ? -13 : null }; // EACCES
        var outFile = Path.GetTempFileName();
        var spec = new SpawnSpec
        {
            Program = "/bin/cat", Arguments = ["/etc/hostname"],
            Fds = FdMap.Stdio().Close(2).MapFile(2, outFile, FileOpenMode.Write),
        };
        using (var session = PtraceSession.Start(spec, [Openat], rec))
        {
            await session.Completion.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.NotEqual(0, session.WaitForExit().ExitCode);
        }
        Assert.Contains("Permission denied", File.ReadAllText(outFile));
        File.Delete(outFile);
        Assert.All(rec.Calls.Where(c => c.Nr == Openat), c => Assert.True(c.Injected));
    }

    [Fact]
    public async Task Threads_are_traced()
    {
        var rec = new Recorder();
        var (status, _) = await Run(rec, [Getppid],
            "/usr/bin/python3", "-c",
            "import os,threading\nts=[threading.Thread(target=os.getppid) for _ in range(4)]\n[t.start() for t in ts]\n[t.join() for t in ts]\nos.getppid()");
        Assert.Equal(0, status.ExitCode);
        var tids = rec.Calls.Where(c => c.Nr == Getppid).Select(c => c.Tid).Distinct().Count();
        Assert.True(tids >= 2, $"getppid seen from {tids} threads");
    }
}
