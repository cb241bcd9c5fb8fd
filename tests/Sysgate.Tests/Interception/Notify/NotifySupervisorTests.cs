using Sysgate.Interception;
using Sysgate.Native;

namespace Sysgate.Tests.Interception.Notify;

public class NotifySupervisorTests
{
    private static ISyscallHandler Handler(SyscallHandlerFunc f) => new DelegateSyscallHandler(f);

    [Fact]
    public void Openat_is_seen_with_pid_number_and_readable_path()
    {
        var rec = new Recorder();
        using var run = TracedRun.Start(Handler((in ev, ctx) => { rec.Record(in ev, ctx); return SyscallDecision.Continue; }),
            [TracedRun.Openat], "/bin/sh", "-c", "cat /etc/hostname");
        Assert.Equal(0, run.Wait());
        Assert.Equal(File.ReadAllText("/etc/hostname"), run.Stdout);
        var hostname = Assert.Single(rec.Events, e => e.Path == "/etc/hostname");
        Assert.Equal(TracedRun.Openat, hostname.Number);
        Assert.True(hostname.Pid > 0);
        Assert.NotEqual(Environment.ProcessId, hostname.Pid);
        Assert.Equal(hostname.Pid, hostname.Tid); // cat is single-threaded
        Assert.All(rec.Events, e => Assert.Equal(TracedRun.Openat, e.Number)); // untrapped calls not reported
    }

    [Fact]
    public void Fail_makes_the_call_fail_with_that_errno()
    {
        var rec = new Recorder();
        using var run = TracedRun.Start(Handler((in ev, ctx) =>
            rec.Record(in ev, ctx) == "/etc/hostname" && ctx.IsStillValid()
                ? SyscallDecision.Fail(Errno.EACCES) : SyscallDecision.Continue),
            [TracedRun.Openat], "/bin/sh", "-c", "cat /etc/hostname");
        Assert.NotEqual(0, run.Wait());
        Assert.Contains("Permission denied", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Return_skips_the_call_and_fakes_success()
    {
        // getppid is skipped and "returns" 4242; uname is skipped and "succeeds" without filling the buffer.
        using var run = TracedRun.Start(Handler((in ev, ctx) =>
            ev.Number == TracedRun.Getppid ? SyscallDecision.Return(4242) : SyscallDecision.Continue),
            [TracedRun.Getppid], "/usr/bin/python3", "-c", "import os; print(os.getppid())");
        Assert.Equal(0, run.Wait());
        Assert.Equal("4242", run.Stdout.Trim());
    }

    [Fact]
    public void InjectFd_makes_the_supervisors_file_the_openat_result()
    {
        string ours = Path.GetTempFileName();
        File.WriteAllText(ours, "content chosen by the supervisor\n");
        using var file = File.OpenHandle(ours);
        int fd = (int)file.DangerousGetHandle();
        var rec = new Recorder();
        using var run = TracedRun.Start(Handler((in ev, ctx) =>
            rec.Record(in ev, ctx) == "/etc/hostname" && ctx.IsStillValid()
                ? SyscallDecision.InjectFd(fd, closeOnExec: true) : SyscallDecision.Continue),
            [TracedRun.Openat], "/bin/sh", "-c", "cat /etc/hostname");
        Assert.Equal(0, run.Wait());
        Assert.Equal("content chosen by the supervisor\n", run.Stdout);
        File.Delete(ours);
    }

    [Fact]
    public void Alter_and_Step_are_refused_with_ENOSYS_by_the_notify_backend()
    {
        using var run = TracedRun.Start(Handler((in ev, ctx) =>
            ev.Number == TracedRun.Getppid && !ev.IsWarmup ? SyscallDecision.Step : SyscallDecision.Continue),
            [TracedRun.Getppid], "/usr/bin/python3", "-c",
            $"import ctypes; r = ctypes.CDLL(None, use_errno=True).syscall({TracedRun.Getppid}); print(r, ctypes.get_errno())");
        Assert.Equal(0, run.Wait());
        Assert.Equal($"-1 {Errno.ENOSYS}", run.Stdout.Trim());
        Assert.True(run.Supervisor.UnsupportedDecisions >= 1);
    }

    [Fact]
    public void Threads_of_a_multithreaded_program_are_all_trapped()
    {
        var tids = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        int pidSeen = 0;
        using var run = TracedRun.Start(Handler((in ev, ctx) =>
        {
            if (!ev.IsWarmup && ev.Number == TracedRun.Getppid)
            {
                tids.TryAdd(ev.Tid, ev.Pid);
                Volatile.Write(ref pidSeen, ev.Pid);
            }
            return SyscallDecision.Continue;
        }),
            [TracedRun.Getppid], "/usr/bin/python3", "-c",
            "import os, threading\n" +
            "def work():\n    [os.getppid() for _ in range(20)]\n" +
            "ts = [threading.Thread(target=work) for _ in range(4)]\n" +
            "[t.start() for t in ts]; [t.join() for t in ts]; print(os.getpid())");
        Assert.Equal(0, run.Wait());
        int pid = int.Parse(run.Stdout.Trim());
        Assert.True(tids.Count >= 4, $"expected ≥ 4 distinct threads, saw {tids.Count}");
        Assert.All(tids, kv => Assert.Equal(pid, kv.Value)); // every thread resolved to the process id
        Assert.Contains(tids.Keys, t => t != pid);
    }

    [Fact]
    public void Fork_exec_trees_stay_covered()
    {
        var rec = new Recorder();
        using var run = TracedRun.Start(Handler((in ev, ctx) => { rec.Record(in ev, ctx); return SyscallDecision.Continue; }),
            [TracedRun.Openat, TracedRun.Execve], "/bin/sh", "-c", "sh -c 'cat /etc/hostname; true'; true");
        Assert.Equal(0, run.Wait());
        var events = rec.Events;
        Assert.Contains(events, e => e.Path == "/etc/hostname");
        // the outer sh, the inner sh and cat each exec'd under the filter: ≥ 2 distinct processes called execve
        Assert.True(events.Where(e => e.Number == TracedRun.Execve).Select(e => e.Pid).Distinct().Count() >= 2);
    }

    [Fact]
    public void Several_tracees_are_supervised_at_once()
    {
        var recA = new Recorder();
        var recB = new Recorder();
        using var a = TracedRun.Start(Handler((in ev, ctx) => { recA.Record(in ev, ctx); return SyscallDecision.Continue; }),
            [TracedRun.Openat], "/bin/cat", "/etc/hostname");
        using var b = TracedRun.Start(Handler((in ev, ctx) =>
            recB.Record(in ev, ctx) == "/etc/hostname" ? SyscallDecision.Fail(Errno.ENOENT) : SyscallDecision.Continue),
            [TracedRun.Openat], "/bin/cat", "/etc/hostname");
        Assert.Equal(0, a.Wait());
        Assert.NotEqual(0, b.Wait());
        Assert.Contains(recA.Events, e => e.Path == "/etc/hostname" && e.Pid == a.Child.Pid);
        Assert.Contains(recB.Events, e => e.Path == "/etc/hostname" && e.Pid == b.Child.Pid);
        Assert.DoesNotContain(recA.Events, e => e.Pid == b.Child.Pid);
    }

    [Fact]
    public void Stopping_the_supervisor_kills_the_tree()
    {
        using var run = TracedRun.Start(Handler((in ev, ctx) => SyscallDecision.Continue),
            [TracedRun.Getppid], "/bin/sh", "-c", "while :; do cat /proc/self/stat >/dev/null; done");
        // nothing is trapped while the loop runs (getppid isn't called); stop must still end the tree
        Thread.Sleep(200);
        run.Supervisor.Stop();
        var status = run.WaitForExit(10);
        Assert.True(status is { TermSignal: 9 }, $"the tree survived the supervisor stop: {status}");
        Assert.True(run.Supervisor.WaitForCompletion(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void After_the_supervisor_is_gone_trapped_calls_fail_with_ENOSYS()
    {
        // The tree is not tracked (so not killed): it keeps running, and its next trapped getppid fails in-kernel.
        using var first = new ManualResetEventSlim();
        using var run = TracedRun.Start(Handler((in ev, ctx) =>
        {
            if (!ev.IsWarmup)
                first.Set();
            return SyscallDecision.Continue;
        }),
            [TracedRun.Getppid], "/usr/bin/python3", "-c",
            "import ctypes, time\n" +
            "libc = ctypes.CDLL(None, use_errno=True)\n" +
            $"print(libc.syscall({TracedRun.Getppid}) > 0, flush=True)\n" +
            "time.sleep(1)\n" +
            $"r = libc.syscall({TracedRun.Getppid}); print(r, ctypes.get_errno(), flush=True)");
        run.Supervisor.TrackTree(0);
        Assert.True(first.Wait(10_000));
        run.Supervisor.Stop();
        Assert.Equal(0, run.WaitForExit(10)?.ExitCode);
        string output = run.Stdout;
        Assert.Equal($"True\n-1 {Errno.ENOSYS}\n", output);
    }

    [Fact]
    public void Trapping_every_call_works_and_counts_the_whole_tree()
    {
        // Every number the kernel knows on this arch goes to the supervisor (the spawning thread's own calls too,
        // answered Continue): exercises the large program in the real kernel and the no-deadlock rules.
        long count = 0;
        var everything = Enumerable.Range(0, Sysgate.Syscalls.SyscallTable.MaxNumber(HostArch.Current) + 1).ToArray();
        using var run = TracedRun.Start(Handler((in ev, ctx) =>
        {
            if (!ev.IsWarmup)
                Interlocked.Increment(ref count);
            return SyscallDecision.Continue;
        }), everything, "/bin/sh", "-c", "cat /etc/hostname | wc -c");
        Assert.Equal(0, run.Wait());
        Assert.Equal(new FileInfo("/etc/hostname").Length.ToString(), run.Stdout.Trim());
        Assert.True(Interlocked.Read(ref count) > 50, $"only {count} calls seen");
    }

    [Fact]
    public void A_caller_killed_while_stopped_is_no_longer_valid_and_its_answer_is_skipped()
    {
        int validBefore = -1, validAfter = -1;
        using var run = TracedRun.Start(Handler((in ev, ctx) =>
        {
            if (ev.IsWarmup || ev.Number != TracedRun.Getppid)
                return SyscallDecision.Continue;
            validBefore = ctx.IsStillValid() ? 1 : 0;
            Sysgate.Native.Interop.Libc.Kill(ev.Pid, Sysgate.Native.Interop.Libc.SIGKILL);
            for (int i = 0; i < 2000 && ctx.IsStillValid(); i++)
                Thread.Sleep(1);
            validAfter = ctx.IsStillValid() ? 1 : 0;
            return SyscallDecision.Return(1); // SEND gets ENOENT: skipped, the loop goes on
        }), [TracedRun.Getppid], "/usr/bin/python3", "-c", "import os; os.getppid(); print('survived')");
        run.Wait();
        Assert.Equal(1, validBefore);
        Assert.Equal(0, validAfter);
        Assert.Equal("", run.Stdout);
        Assert.Null(run.Supervisor.Fault);
    }

    [Fact]
    public void Stopping_the_supervisor_kills_descendants_through_the_process_group()
    {
        using var run = TracedRun.Start(Handler((in ev, ctx) => SyscallDecision.Continue),
            [TracedRun.Getppid], "/bin/sh", "-c", "sleep 60 & echo $!; wait");
        int grandchild = 0;
        for (int i = 0; i < 200 && !int.TryParse(run.Stdout.Trim(), out grandchild); i++)
            Thread.Sleep(10);
        Assert.True(grandchild > 0, "the shell did not report its background sleep");
        run.Supervisor.Stop();
        Assert.Equal(9, run.WaitForExit(10)?.TermSignal);
        // The orphaned sleep was in the child's process group: killed too (and reaped by init, or a zombie).
        bool gone = false;
        for (int i = 0; i < 500 && !gone; i++)
        {
            gone = !File.Exists($"/proc/{grandchild}/stat") || File.ReadAllText($"/proc/{grandchild}/stat").Contains(") Z ");
            if (!gone)
                Thread.Sleep(10);
        }
        Assert.True(gone, $"background sleep {grandchild} survived");
    }

    [Fact]
    public void InjectFd_at_a_chosen_fd_number()
    {
        // openat of /etc/hostname returns fd 42, a copy of the supervisor's temp file.
        string ours = Path.GetTempFileName();
        File.WriteAllText(ours, "forty-two\n");
        using var file = File.OpenHandle(ours);
        int fd = (int)file.DangerousGetHandle();
        var rec = new Recorder();
        using var run = TracedRun.Start(Handler((in ev, ctx) =>
            rec.Record(in ev, ctx) == "/etc/hostname" && ctx.IsStillValid()
                ? SyscallDecision.InjectFd(fd, targetFd: 42) : SyscallDecision.Continue),
            [TracedRun.Openat], "/usr/bin/python3", "-c",
            "import os; print(os.open('/etc/hostname', os.O_RDONLY)); print(os.read(42, 100).decode(), end='')");
        Assert.Equal(0, run.Wait());
        Assert.Equal("42\nforty-two\n", run.Stdout);
        File.Delete(ours);
    }

    [Fact]
    public void A_filter_the_kernel_refuses_fails_the_spawn_and_the_supervisor()
    {
        // A program that does not end in a return is rejected by the kernel: Apply throws, nothing is spawned.
        var bad = new[] { new Sysgate.Native.Seccomp.SockFilter(0x20, 0, 0, 0) };
        using var setup = new Sysgate.Interception.Notify.SeccompThreadSetup(bad);
        using var supervisor = new Sysgate.Interception.Notify.NotifySupervisor(setup, Handler((in ev, ctx) => SyscallDecision.Continue));
        supervisor.Start();
        var spec = new Sysgate.Spawn.SpawnSpec { Program = "/bin/true", ThreadSetup = setup };
        var ex = Assert.Throws<ErrnoException>(() => Sysgate.Spawn.SafeProcess.Start(spec));
        Assert.Equal(Errno.EINVAL, ex.Errno);
        Assert.True(supervisor.WaitForCompletion(TimeSpan.FromSeconds(5)));
        Assert.IsType<ErrnoException>(supervisor.Fault);
        Assert.Equal(-Errno.EINVAL, setup.ListenerState);
    }

    [Fact]
    public void The_listener_gets_synchronous_wake_ups_on_kernels_from_6_6()
    {
        // A regression guard: SET_FLAGS takes its flags by value; a pointer argument made it fail with EINVAL,
        // which silently left every trapped call paying a cross-CPU wake-up (8x the C supervisor).
        if (!KernelAtLeast(6, 6))
            return;
        var program = new Sysgate.Interception.Bpf.SeccompProgramBuilder(HostArch.Current)
            .Add(TracedRun.Openat, Sysgate.Interception.Bpf.SeccompAction.UserNotif).Build();
        using var setup = new Sysgate.Interception.Notify.SeccompThreadSetup(program);
        using var supervisor = new Sysgate.Interception.Notify.NotifySupervisor(setup, Handler((in ev, ctx) => SyscallDecision.Continue));
        supervisor.Start();
        using var child = Sysgate.Spawn.SafeProcess.Start(new Sysgate.Spawn.SpawnSpec
        {
            Program = "/bin/true",
            Arguments = [],
            Fds = Sysgate.Spawn.FdMap.Empty(),
            ThreadSetup = setup,
        });
        supervisor.TrackTree(child, processGroup: false);
        Assert.Equal(0, child.WaitForExit().ExitCode);
        Assert.True(supervisor.WaitForCompletion(TimeSpan.FromSeconds(10)));
        Assert.Null(supervisor.Fault);
        Assert.True(supervisor.SyncWakeUp);
    }

    private static bool KernelAtLeast(int major, int minor)
    {
        string[] parts = File.ReadAllText("/proc/sys/kernel/osrelease").Split('.', '-');
        int ma = int.Parse(parts[0]), mi = int.Parse(parts[1]);
        return ma > major || (ma == major && mi >= minor);
    }

    [Fact]
    public void The_poll_loop_for_kernels_before_6_6_works_too()
    {
        string output = Path.GetTempFileName();
        try
        {
            var rec = new Recorder();
            var program = new Sysgate.Interception.Bpf.SeccompProgramBuilder(HostArch.Current)
                .Add(TracedRun.Openat, Sysgate.Interception.Bpf.SeccompAction.UserNotif).Build();
            using var setup = new Sysgate.Interception.Notify.SeccompThreadSetup(program);
            using var supervisor = new Sysgate.Interception.Notify.NotifySupervisor(setup, Handler((in ev, ctx) =>
                rec.Record(in ev, ctx) == "/etc/hostname" ? SyscallDecision.Fail(Errno.EACCES) : SyscallDecision.Continue))
            { ForcePollLoop = true };
            supervisor.Start();
            using var child = Sysgate.Spawn.SafeProcess.Start(new Sysgate.Spawn.SpawnSpec
            {
                Program = "/bin/sh",
                Arguments = ["-c", "cat /etc/hostname; cat /etc/passwd >/dev/null && echo ok"],
                Fds = Sysgate.Spawn.FdMap.Empty().MapFile(1, output, Sysgate.Spawn.FileOpenMode.Write),
                ThreadSetup = setup,
            });
            supervisor.TrackTree(child, processGroup: false);
            Assert.Equal(0, child.WaitForExit().ExitCode);
            Assert.True(supervisor.WaitForCompletion(TimeSpan.FromSeconds(10)));
            Assert.True(supervisor.TraceesGone);
            Assert.Null(supervisor.Fault);
            Assert.Equal("ok\n", File.ReadAllText(output));
            Assert.Contains(rec.Events, e => e.Path == "/etc/passwd");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void A_supervisor_stopped_before_the_spawn_makes_the_spawn_refuse()
    {
        var program = new Sysgate.Interception.Bpf.SeccompProgramBuilder(HostArch.Current)
            .Add(TracedRun.Openat, Sysgate.Interception.Bpf.SeccompAction.UserNotif).Build();
        using var setup = new Sysgate.Interception.Notify.SeccompThreadSetup(program);
        using var supervisor = new Sysgate.Interception.Notify.NotifySupervisor(setup, Handler((in ev, ctx) => SyscallDecision.Continue));
        supervisor.Start();
        supervisor.Stop();
        Assert.True(supervisor.WaitForCompletion(TimeSpan.FromSeconds(5)));
        Assert.Equal(Sysgate.Interception.Notify.SeccompThreadSetup.Cancelled, setup.ListenerState);
        var spec = new Sysgate.Spawn.SpawnSpec { Program = "/bin/true", ThreadSetup = setup };
        var ex = Assert.Throws<InvalidOperationException>(() => Sysgate.Spawn.SafeProcess.Start(spec));
        Assert.Contains("stopped", ex.Message);
    }
}
