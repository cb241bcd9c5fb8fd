using System.Text.Json;
using Sysgate.Native;
using Sysgate.Spawn;
using Sysgate.Tracing;

namespace Sysgate.Tests.Tracing;

/// <summary><c>sysgate trace</c>'s features on real programs, in process through <see cref="TraceRun"/>.</summary>
public class TraceRunTests
{
    private static TraceOptions With(params string[] exprs)
    {
        var (filter, injections) = TraceExpressions.Parse(exprs, HostArch.Current);
        return new TraceOptions { Filter = filter, Injections = injections };
    }

    private static string[] Lines(string trace) => trace.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Injected_error_fails_the_program_and_says_injected()
    {
        string err = Path.GetTempFileName();
        try
        {
            var (code, trace) = TraceHarness.Sysgate(With("inject=openat:error=EACCES"), ["/bin/cat", "/etc/hostname"],
                TraceHarness.QuietStdout(stderrFile: err));
            Assert.NotEqual(0, code);
            // Every openat fails, the dynamic loader's first: cat cannot even load libc (strace does the same).
            Assert.Contains("Permission denied", File.ReadAllText(err));
            Assert.Contains("openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = -1 EACCES (Permission denied) (INJECTED)\n", trace);
            Assert.DoesNotContain(Lines(trace), l => l.StartsWith("openat(", StringComparison.Ordinal) && !l.EndsWith("(INJECTED)", StringComparison.Ordinal));
        }
        finally { File.Delete(err); }
    }

    [Fact]
    public void Inject_when_2_plus_spares_the_first_call()
    {
        var (_, trace) = TraceHarness.Sysgate(With("trace=openat", "inject=openat:error=ENOENT:when=2+"), ["/bin/cat", "/etc/hostname"]);
        var opens = Lines(trace).Where(l => l.StartsWith("openat(", StringComparison.Ordinal)).ToList();
        Assert.True(opens.Count >= 2, trace);
        Assert.DoesNotContain("INJECTED", opens[0]);
        Assert.All(opens.Skip(1), l => Assert.EndsWith("= -1 ENOENT (No such file or directory) (INJECTED)", l));
    }

    [Fact]
    public void Output_file_holds_strace_lines_and_exit_group_and_exit()
    {
        var (code, trace) = TraceHarness.Sysgate(new TraceOptions(), ["/bin/sh", "-c", "exit 7"]);
        Assert.Equal(7, code);
        var lines = Lines(trace);
        Assert.StartsWith("execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"exit 7\"], 0x", lines[0]);
        Assert.EndsWith(") = 0", lines[0]);
        Assert.Matches(@"^exit_group\(7\) +=\ \?$", lines[^2]);
        Assert.Equal("+++ exited with 7 +++", lines[^1]);
    }

    [Fact]
    public void Killed_program_exits_128_plus_signal_and_says_killed()
    {
        var (code, trace) = TraceHarness.Sysgate(With("trace=kill"), ["/bin/sh", "-c", "kill -TERM $$"]);
        Assert.Equal(128 + 15, code);
        Assert.Contains("--- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=", trace);
        Assert.EndsWith("+++ killed by SIGTERM +++\n", trace);
    }

    [Fact]
    public void Call_cut_short_by_sigkill_prints_unfinished_and_killed()
    {
        var opt = With("trace=clock_nanosleep,nanosleep");
        var (code, trace) = TraceHarness.Sysgate(new TraceOptions { FollowForks = true, Filter = opt.Filter },
            ["/bin/sh", "-c", "/bin/sleep 5 & /bin/sleep 0.3; kill -9 $!; wait"]);
        Assert.Equal(0, code);
        Assert.Matches(@"(?m)^\d+ +(<\.\.\. clock_nanosleep resumed>|clock_nanosleep\(.*) <unfinished \.\.\.>\) += \?$", trace);
        Assert.Matches(@"(?m)^\d+ +\+\+\+ killed by SIGKILL \+\+\+$", trace);
        Assert.Contains("si_code=CLD_KILLED", trace);
    }

    [Fact]
    public void Follow_forks_prefixes_pids_and_reports_children()
    {
        var opt = With("trace=execve,wait4");
        var (code, trace) = TraceHarness.Sysgate(new TraceOptions { FollowForks = true, Filter = opt.Filter }, ["/bin/sh", "-c", "/bin/true; exit 3"]);
        Assert.Equal(3, code);
        var parsed = StraceTranscript.Parse(trace);
        Assert.Equal(2, parsed.Count);
        Assert.Contains(new CallResult("execve", "0"), parsed[1].Calls);
        Assert.Contains(parsed[0].Calls, c => c.Name == "wait4" && c.Result == "PID");
        Assert.Matches(@"(?m)^\d+ +\+\+\+ exited with 0 \+\+\+$", trace); // -o FILE -f: "PID  " on every line
        Assert.Contains("--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED", trace);
    }

    [Fact]
    public void Without_follow_only_the_first_process_prints()
    {
        var (_, trace) = TraceHarness.Sysgate(With("trace=execve"), ["/bin/sh", "-c", "/bin/true; exit 0"]);
        Assert.Single(Lines(trace), l => l.StartsWith("execve(", StringComparison.Ordinal));
    }

    [Fact]
    public void Status_failed_prints_only_failures()
    {
        var (_, trace) = TraceHarness.Sysgate(With("status=failed"), ["/bin/ls", "/nonexistent-sysgate"]);
        var calls = Lines(trace).Where(l => !l.StartsWith("+++", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, l => Assert.Matches(@"= -1 E[A-Z]+ \(", l));
        Assert.Contains(calls, l => l.Contains("\"/nonexistent-sysgate\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Decode_fds_and_times()
    {
        var opt = With("trace=openat,read");
        var (_, trace) = TraceHarness.Sysgate(new TraceOptions { FdPaths = true, SyscallTimes = true, Filter = opt.Filter }, ["/bin/cat", "/etc/hostname"]);
        Assert.Matches(@"(?m)^openat\(AT_FDCWD(</[^>]*>)?, ""/etc/hostname"", O_RDONLY\) = 3</etc/hostname> <\d+\.\d{6}>$", trace);
        Assert.Matches(@"(?m)^read\(3</etc/hostname>, ", trace);
    }

    [Fact]
    public void Timestamps_prefix_lines()
    {
        var opt = With("trace=exit_group");
        var (_, trace) = TraceHarness.Sysgate(new TraceOptions { Timestamps = TimestampMode.Microseconds, Filter = opt.Filter }, ["/bin/true"]);
        Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{6} exit_group\(0\) += \?\n", trace);
    }

    [Fact]
    public void Summary_counts_calls_and_errors_and_prints_nothing_else()
    {
        var (_, trace) = TraceHarness.Sysgate(new TraceOptions { Summary = true }, ["/bin/ls", "/nonexistent-sysgate"]);
        var lines = Lines(trace);
        Assert.Equal("% time     seconds  usecs/call     calls    errors syscall", lines[0]);
        Assert.Matches(@"^100\.00 +\d+\.\d{6} +\d+ +\d+ +\d+ total$", lines[^1]);
        Assert.Contains(lines, l => l.EndsWith(" execve", StringComparison.Ordinal));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @" +\d+ +[1-9]\d* (newfstatat|statx|lstat|stat)$"));
        Assert.DoesNotContain(lines, l => l.Contains('(', StringComparison.Ordinal));
    }

    [Fact]
    public void Json_is_one_object_per_event()
    {
        var opt = With("trace=openat,exit_group");
        var (_, trace) = TraceHarness.Sysgate(new TraceOptions { Json = true, Filter = opt.Filter }, ["/bin/cat", "/etc/hostname"]);
        var events = Lines(trace).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var open = events.Single(e => e.GetProperty("type").GetString() == "syscall"
            && e.GetProperty("text").GetString()!.Contains("\"/etc/hostname\"", StringComparison.Ordinal));
        Assert.Equal("openat", open.GetProperty("syscall").GetString());
        Assert.Equal(3, open.GetProperty("result").GetInt64());
        Assert.Equal(4, open.GetProperty("args").GetArrayLength());
        Assert.True(open.GetProperty("pid").GetInt32() > 0);
        Assert.True(open.GetProperty("time").GetDouble() > 1.6e9);
        var exit = events[^1];
        Assert.Equal("exit", exit.GetProperty("type").GetString());
        Assert.Equal(0, exit.GetProperty("code").GetInt32());
        var failed = TraceHarness.Sysgate(new TraceOptions { Json = true, Filter = opt.Filter }, ["/bin/cat", "/nonexistent-sysgate"]).Trace;
        Assert.Contains(Lines(failed).Select(l => JsonDocument.Parse(l).RootElement),
            e => e.TryGetProperty("errno", out var n) && n.GetString() == "ENOENT" && e.GetProperty("result").GetInt64() == -1);
    }

    [Fact]
    public void Output_separately_writes_one_file_per_process()
    {
        string dir = Directory.CreateTempSubdirectory("sysgate-ff-").FullName;
        try
        {
            var opt = With("trace=execve");
            var options = new TraceOptions { FollowForks = true, PerProcessFiles = true, OutputPath = Path.Combine(dir, "t"), Filter = opt.Filter };
            using (var run = TraceRun.Start(options, new SpawnSpec { Program = "/bin/sh", Arguments = ["-c", "/bin/true; /bin/true; exit 0"], Fds = TraceHarness.QuietStdout() }))
                Assert.Equal(0, run.Wait());
            var files = Directory.GetFiles(dir, "t.*");
            Assert.Equal(3, files.Length);
            Assert.All(files, f =>
            {
                string text = File.ReadAllText(f);
                Assert.StartsWith("execve(", text);          // no pid prefix: the file name says it
                Assert.EndsWith("+++ exited with 0 +++\n", text);
            });
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task Attach_sees_a_running_loop_and_detach_leaves_it_running()
    {
        using var loop = SafeProcess.Start(new SpawnSpec
        {
            Program = "/bin/sh", Arguments = ["-c", "while :; do cat /etc/hostname >/dev/null; sleep 0.05; done"], Fds = TraceHarness.QuietStdout(),
        });
        string file = Path.GetTempFileName();
        try
        {
            await Task.Delay(200);
            var opt = With("trace=openat");
            var run = TraceRun.Attach(new TraceOptions { FollowForks = true, OutputPath = file, Filter = opt.Filter }, loop.Pid);
            await Task.Delay(800);
            run.Detach();
            var wait = Task.Run(run.Wait);
            Assert.True(await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(20))) == wait, "detach did not finish");
            Assert.Equal(0, await wait);
            run.Dispose();
            Assert.Contains("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 3", File.ReadAllText(file));
            await Task.Delay(200);
            Assert.False(loop.HasExited);
            string stat = File.ReadAllText($"/proc/{loop.Pid}/stat");
            char state = stat[stat.LastIndexOf(')') + 2];
            Assert.True(state is 'S' or 'R', $"loop state after detach: {state}");
            Assert.DoesNotContain("TracerPid:\t" + Environment.ProcessId, File.ReadAllText($"/proc/{loop.Pid}/status"));
        }
        finally
        {
            loop.Kill(9);
            File.Delete(file);
        }
    }
}
