using System.Collections.Concurrent;
using System.Text;
using Sysgate.Interception;
using Sysgate.Interception.Bpf;
using Sysgate.Interception.Notify;
using Sysgate.Interception.Ptrace;
using Sysgate.Native;
using Sysgate.Native.Interop;
using Sysgate.Spawn;

namespace Sysgate.Tests.Interception.Coverage;

/// <summary>The interception backend a coverage scenario runs under.</summary>
/// <summary>Which backend runs the program. <see cref="Ptrace"/> waits as the CLI does (PtraceSession.WaitForExit,
/// which also answers the libc-range listener); <see cref="PtraceViaTask"/> awaits PtraceSession.Completion, which
/// hands that listener to a thread of its own.</summary>
public enum Backend { Notify, Ptrace, PtraceViaTask }

/// <summary>One trapped call as either backend saw it: tgid, tid, number, the first two args, the path
/// argument read from tracee memory (openat: arg1, execve: arg0).</summary>
internal readonly record struct Call(int Pid, int Tid, int Number, ulong Arg0, ulong Arg1, string? Path)
{
    /// <summary>A marker call: <c>getppid(MAGIC, tag)</c> (see <see cref="CPrelude"/>).</summary>
    public bool IsMarker => Number == Sysno.X86_64.getppid && Arg0 == CPrelude.Magic;
    public long Tag => (long)Arg1;
    public override string ToString() => $"[{Pid}/{Tid}] nr={Number} a0=0x{Arg0:x} a1={Arg1} {Path}";
}

/// <summary>What the test's policy answers: run the call, fail it with an errno, or skip it returning a value.</summary>
internal readonly record struct Answer(int Errno, long? Value)
{
    public static Answer Continue => default;
    public static Answer Fail(int errno) => new(errno, null);
    public static Answer Return(long value) => new(0, value);
}

internal sealed record RunResult(ExitStatus Status, string Stdout, string Stderr, IReadOnlyList<Call> Calls)
{
    public IEnumerable<Call> Markers => Calls.Where(c => c.IsMarker);
    public IEnumerable<Call> Opens(string path) => Calls.Where(c => c.Number == Sysno.X86_64.openat && c.Path == path);

    /// <summary>Lines of "key value" the program printed (e.g. "tid7 1234").</summary>
    public Dictionary<string, long> Reported()
    {
        var d = new Dictionary<string, long>();
        foreach (var line in Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = line.Split(' ');
            if (p.Length == 2 && long.TryParse(p[1], out long v)) d[p[0]] = v;
        }
        return d;
    }

    public string Describe() => $"{Status}; stdout:\n{Stdout}\nstderr:\n{Stderr}\ncalls:\n{string.Join("\n", Calls)}";
}

/// <summary>
/// Runs a real program under either backend with the same interest set and the same policy, recording every
/// trapped call. Both backends see only the calls in the interest set (seccomp filters them in the kernel).
/// </summary>
internal static class CoverageRun
{
    public static readonly int[] MarkerOnly = [Sysno.X86_64.getppid];
    public static readonly int[] MarkersAndFiles = [Sysno.X86_64.getppid, Sysno.X86_64.openat, Sysno.X86_64.execve];

    /// <summary>
    /// Runs <paramref name="program"/> with the interest set and policy under <paramref name="backend"/>. Its stdin is a
    /// pipe that reaches EOF only once the start has returned (spawn thread joined, pidfd opened): a program that reads
    /// stdin to EOF first (<c>wait_started()</c> in <see cref="CPrelude"/>) runs strictly after the whole start-up,
    /// without sleeping. With <paramref name="sendSpawnThreadId"/> (notify only) the pipe first carries the id of the
    /// thread that installed the filter and spawned the child.
    /// </summary>
    public static RunResult Run(Backend backend, int[] interest, Func<Call, Answer>? policy, string program,
        params string[] args) => Run(backend, interest, policy, sendSpawnThreadId: false, program, args);

    /// <summary>See <see cref="Run(Backend, int[], Func{Call, Answer}?, string, string[])"/>.</summary>
    public static RunResult Run(Backend backend, int[] interest, Func<Call, Answer>? policy, bool sendSpawnThreadId,
        string program, params string[] args)
    {
        using var gatePipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        string stdout = Path.GetTempFileName(), stderr = Path.GetTempFileName();
        try
        {
            var spec = new SpawnSpec
            {
                Program = program,
                Arguments = args,
                Fds = FdMap.Empty().Map(0, (int)gatePipe.ClientSafePipeHandle.DangerousGetHandle())
                    .MapFile(1, stdout, FileOpenMode.Write).MapFile(2, stderr, FileOpenMode.Write),
            };
            Action<int> started = spawnThreadId =>
            {
                // Start has returned (the spawn thread was joined): tell the child the spawn thread's id (0 if not
                // known) and close both ends: the child's stdin reaches EOF.
                gatePipe.DisposeLocalCopyOfClientHandle();
                try
                {
                    if (spawnThreadId > 0)
                        gatePipe.Write(Encoding.ASCII.GetBytes(spawnThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    gatePipe.Dispose();
                }
                catch (IOException)
                {
                    // EPIPE: the program is already gone; its exit status and output tell why.
                }
            };
            var recorder = new CallRecorder(policy ?? (_ => Answer.Continue));
            var status = backend == Backend.Notify ? RunNotify(spec, interest, recorder, sendSpawnThreadId, started) : RunPtrace(spec, interest, recorder, started, backend == Backend.PtraceViaTask);
            return new RunResult(status, File.ReadAllText(stdout), File.ReadAllText(stderr), recorder.Calls);
        }
        finally
        {
            File.Delete(stdout);
            File.Delete(stderr);
        }
    }

    private const int TimeoutSeconds = 20;

    private static ExitStatus RunNotify(SpawnSpec spec, int[] interest, CallRecorder recorder, bool lowLevel, Action<int> started)
    {
        var program = new SeccompProgramBuilder(HostArch.Current).Add(interest, SeccompAction.UserNotif).Build();
        var buf = new byte[4096];
        var handler = new DelegateSyscallHandler((in SyscallEvent ev, SyscallContext ctx) =>
        {
            if (ev.IsWarmup) return SyscallDecision.Continue;
            string? path = null;
            int pathArg = PathArg(ev.Number);
            if (pathArg >= 0)
            {
                int n = ctx.ReadCString(ev.Arg(pathArg), buf);
                path = n >= 0 ? Encoding.UTF8.GetString(buf, 0, n) : $"<errno {-n}>";
            }
            var answer = recorder.Record(new Call(ev.Pid, ev.Tid, ev.Number, ev.Arg(0), ev.Arg(1), path));
            return answer.Errno != 0 ? SyscallDecision.Fail(answer.Errno)
                : answer.Value is long v ? SyscallDecision.Return(v) : SyscallDecision.Continue;
        });
        // Normally the one-call API; to learn the spawn thread's id, compose the same parts as TracedProcess.Start.
        using var traced = lowLevel ? null : TracedProcess.Start(spec, program, handler);
        using var setup = lowLevel ? new SeccompThreadSetup(program) : null;
        using var supervisor = setup is null ? null : new NotifySupervisor(setup, handler);
        supervisor?.Start();
        using var child = setup is null ? null : SafeProcess.Start(spec with { ThreadSetup = setup, NewProcessGroup = true });
        if (child is not null) supervisor!.TrackTree(child, processGroup: true);
        var sup = traced?.Supervisor ?? supervisor!;
        started(setup?.SpawnThreadId ?? 0);
        var wait = (traced?.Child ?? child!).WaitForExitAsync();
        if (!wait.Wait(TimeSpan.FromSeconds(TimeoutSeconds)))
            throw new TimeoutException("the traced program did not exit (notify)\n" + string.Join("\n", recorder.Calls));
        // Orphans may outlive the root: the supervisor sees POLLHUP once no task uses the filter.
        Assert.True(sup.WaitForCompletion(TimeSpan.FromSeconds(TimeoutSeconds)), "tracees still running after the root exited");
        Assert.Null(sup.Fault);
        Assert.Null(sup.LastHandlerError);
        return wait.Result;
    }

    private static ExitStatus RunPtrace(SpawnSpec spec, int[] interest, CallRecorder recorder, Action<int> started, bool viaTask)
    {
        var client = new PtraceRecorder(recorder);
        using var session = PtraceSession.Start(spec with { NewProcessGroup = true }, interest, client);
        started(0);
        // WaitForExit has no timeout: it runs on a thread of its own so that a hang fails the test instead.
        Task done = viaTask ? session.Completion : Task.Factory.StartNew(() => session.WaitForExit(), TaskCreationOptions.LongRunning);
        if (!done.Wait(TimeSpan.FromSeconds(TimeoutSeconds)))
        {
            Libc.Kill(-session.RootPid, 9);
            throw new TimeoutException("the traced tree did not end (ptrace)\n" + string.Join("\n", recorder.Calls));
        }
        return session.WaitForExit();
    }

    internal static int PathArg(int number) => number switch
    {
        Sysno.X86_64.openat => 1,
        Sysno.X86_64.execve => 0,
        _ => -1,
    };

    /// <summary>Thread-safe record of calls plus the policy.</summary>
    internal sealed class CallRecorder(Func<Call, Answer> policy)
    {
        private readonly ConcurrentQueue<Call> _calls = new();
        public IReadOnlyList<Call> Calls => _calls.ToArray();

        public Answer Record(Call call)
        {
            _calls.Enqueue(call);
            return policy(call);
        }
    }

    /// <summary>The ptrace side: tgid from /proc and the path from tracee memory while the tracee is stopped.</summary>
    private sealed class PtraceRecorder(CallRecorder recorder) : IPtraceClient
    {
        private readonly StoppedTraceeMemory _memory = new();
        private readonly byte[] _buf = new byte[4096];

        public PtraceVerdict OnEntry(ref PtraceCall call, out bool altered)
        {
            altered = false;
            string? path = null;
            int pathArg = PathArg(call.Number);
            if (pathArg >= 0)
            {
                _memory.Use(call.Tid);
                int n = _memory.ReadCString(call.Args[pathArg], _buf);
                path = n >= 0 ? Encoding.UTF8.GetString(_buf, 0, n) : $"<errno {-n}>";
            }
            int pid = ProcStatus.ReadTgid(call.Tid);
            var answer = recorder.Record(new Call(pid, call.Tid, call.Number, call.Args[0], call.Args[1], path));
            if (answer.Errno != 0) { call.Result = -answer.Errno; return PtraceVerdict.Skip; }
            if (answer.Value is long v) { call.Result = v; return PtraceVerdict.Skip; }
            return PtraceVerdict.Continue;
        }

        public long OnExit(ref PtraceCall call) => call.Result;
        public void OnSignal(int tid, int signal) { }
        public void OnExec(int tid, int formerTid) { }
        public void OnExit(int tid, Sysgate.Native.Ptrace.WaitStatus status) { }
    }

    /// <summary>process_vm_readv on a tracee stopped under ptrace (reuses the library's page-wise string reader).</summary>
    private sealed class StoppedTraceeMemory : SyscallContext
    {
        public void Use(int tid) => Tid = tid;
        public override InterceptionBackend Backend => InterceptionBackend.Ptrace;
        public override bool IsStillValid() => true;
        public override bool Supports(SyscallDecisionKind kind) => true;
    }
}
