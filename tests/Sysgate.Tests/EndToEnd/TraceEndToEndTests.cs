namespace Sysgate.Tests.EndToEnd;

/// <summary><c>sysgate trace</c> as a user runs it: the real binary (NativeAOT under scripts/test-all).</summary>
[Trait("Category", SysgateRunner.Category)]
public class TraceEndToEndTests
{
    [Fact]
    public void Traces_a_real_program_on_stderr_and_leaves_stdout_to_it()
    {
        var r = SysgateRunner.Run("trace", "-f", "--", "/bin/sh", "-c", "cat /etc/hostname | wc -c");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal($"{new FileInfo("/etc/hostname").Length}\n", r.Stdout); // only the program's output
        Assert.StartsWith("execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"cat /etc/hostname | wc -c\"], 0x", r.Stderr);
        // The call may be split by another process's line (<unfinished ...> / <... openat resumed>): check both halves.
        var open = System.Text.RegularExpressions.Regex.Match(r.Stderr,
            @"(?m)^\[pid +(\d+)\] openat\(AT_FDCWD, ""/etc/hostname"", O_RDONLY(\) += 3| <unfinished \.\.\.>)$");
        Assert.True(open.Success, r.Stderr);
        if (open.Groups[2].Value.Contains("unfinished", StringComparison.Ordinal))
            Assert.Matches($@"(?m)^\[pid +{open.Groups[1].Value}\] <\.\.\. openat resumed>\) += 3$", r.Stderr);
        Assert.Matches(@"(?m)^\[pid +\d+\] execve\(""/usr/bin/wc"", \[""wc"", ""-c""\]", r.Stderr);
        Assert.EndsWith("+++ exited with 0 +++\n", r.Stderr);
    }

    [Fact]
    public void Injected_error_reaches_the_program()
    {
        var r = SysgateRunner.Run("trace", "-e", "trace=openat", "-e", "inject=openat:error=EACCES", "--", "/bin/cat", "/etc/hostname");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("Permission denied", r.Stderr);
        Assert.Contains("= -1 EACCES (Permission denied) (INJECTED)\n", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void The_program_runs_on_the_cpus_sysgate_was_given_not_the_ones_it_pinned_itself_to()
    {
        // sysgate trace keeps its own threads on one CPU (cheap hand-offs); the program must get the mask that
        // sysgate itself was started with, restored before its first instruction. Here that is the mask of
        // this test process, which the runner passes on.
        string expected = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        var r = SysgateRunner.Run("trace", "-f", "-o", "/dev/null", "--", "/bin/sh", "-c", "grep Cpus_allowed_list: /proc/self/status; grep Cpus_allowed_list: /proc/$$/status");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal($"{expected}\n{expected}\n", r.Stdout);
    }

    [Theory]
    // No fork in between: the program itself reads its mask, by the call, through /proc (however the path is
    // spelled), from Python; and with a filter that does not stop every call (the mask is restored at exec).
    [InlineData("/usr/bin/nproc")]
    [InlineData("/bin/grep", "Cpus_allowed_list:", "/proc/self/status")]
    [InlineData("/bin/sh", "-c", "cd /proc/self && exec /bin/grep Cpus_allowed_list: status")]
    [InlineData("/usr/bin/python3", "-c", "import os; print(sorted(os.sched_getaffinity(0)))")]
    [InlineData("-e", "trace=write", "--", "/bin/grep", "Cpus_allowed_list:", "/proc/self/status")]
    public void A_program_that_looks_at_its_cpu_mask_sees_the_one_sysgate_was_given(params string[] command)
    {
        // The root program may run on the tracer's CPU until it could tell (PinnedRootRelease); whatever it
        // reads must be what it reads without sysgate.
        var program = command.Contains("--") ? command[(Array.IndexOf(command, "--") + 1)..] : command;
        var direct = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program[0], program[1..])
            { RedirectStandardOutput = true })!;
        string expected = direct.StandardOutput.ReadToEnd();
        direct.WaitForExit();
        string[] args = command.Contains("--") ? ["trace", "-o", "/dev/null", .. command] : ["trace", "-o", "/dev/null", "--", .. command];
        var r = SysgateRunner.Run(args);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(expected, r.Stdout);
    }

    [Theory]
    [InlineData("sleep", "/bin/sleep", "2")]
    // Files under /proc that show no task's CPUs (find(1) reads /proc/filesystems first thing).
    [InlineData("python3", "/usr/bin/python3", "-c", "open('/proc/filesystems').read(); open('/proc/self/maps').read(); import time; time.sleep(2)")]
    // Past the first window (PinnedRootRelease.Window) while it calls the kernel all the time.
    [InlineData("python3", "/usr/bin/python3", "-c", "import os, time\nend = time.monotonic() + 0.4\nwhile time.monotonic() < end: os.getppid()\ntime.sleep(2)")]
    public void A_program_that_cannot_tell_stays_on_the_tracers_cpu(string comm, params string[] command)
    {
        // The other half of the test above: these never ask for their mask, so they are kept beside the tracer
        // (each stop a switch on one CPU, not a wake-up of another). Only meaningful with two CPUs or more, and
        // with the native binary: the JIT build compiles its way through the first stops, too slowly for the
        // stop rate that keeps a program pinned (PinnedRootRelease.MinStopsPerWindow).
        if (SysgateRunner.Binary is null || Environment.ProcessorCount < 2) return;
        using var sysgate = StartSysgate(["trace", "-o", "/dev/null", "--", .. command]);
        try
        {
            int sleep = WaitForAsleepChild(sysgate, comm);
            string mask = File.ReadLines($"/proc/{sleep}/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
            Assert.Matches(@"^Cpus_allowed_list:\t\d+$", mask);
        }
        finally
        {
            sysgate.Kill(entireProcessTree: true);
            sysgate.WaitForExit();
        }
    }

    [Fact]
    public void A_program_that_computes_gets_its_cpus_back_after_a_window()
    {
        // A second without a system call (time.monotonic is in the vDSO): at its next stop, the stops since the
        // last check (its start-up's) average far less than PinnedRootRelease.MinStopsPerWindow a window, so it
        // is released and other work may move it off the tracer's CPU.
        if (SysgateRunner.Binary is null || Environment.ProcessorCount < 2) return;
        string expected = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        using var sysgate = StartSysgate("trace", "-o", "/dev/null", "--", "/usr/bin/python3", "-c",
            "import time\nend = time.monotonic() + 1\nwhile time.monotonic() < end: pass\ntime.sleep(2)");
        try
        {
            int python = WaitForAsleepChild(sysgate, "python3");
            Assert.Equal(expected, File.ReadLines($"/proc/{python}/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)));
        }
        finally
        {
            sysgate.Kill(entireProcessTree: true);
            sysgate.WaitForExit();
        }
    }

    [Theory]
    [InlineData("SIGTERM", 143)] // passed on: the program dies of it, and sysgate exits as it did
    [InlineData("SIGHUP", 129)]
    [InlineData("SIGINT", 0)]    // not passed on: from a terminal the program gets its own; it runs to its end
    public void Signals_aimed_at_sysgate(string signal, int exitCode)
    {
        using var sysgate = StartSysgate("trace", "-o", "/dev/null", "--", "/bin/sleep", "1");
        try
        {
            WaitForAsleepChild(sysgate, "sleep");
            using (var kill = System.Diagnostics.Process.Start("/bin/kill", ["-s", signal, sysgate.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            Assert.True(sysgate.WaitForExit(TimeSpan.FromSeconds(20)));
            Assert.Equal(exitCode, sysgate.ExitCode);
        }
        finally
        {
            if (!sysgate.HasExited) sysgate.Kill(entireProcessTree: true);
        }
    }

    private static System.Diagnostics.Process StartSysgate(params string[] args)
    {
        var command = SysgateRunner.Command;
        var psi = new System.Diagnostics.ProcessStartInfo(command[0]) { RedirectStandardError = true };
        foreach (var a in command.Skip(1).Concat(args)) psi.ArgumentList.Add(a);
        var process = System.Diagnostics.Process.Start(psi)!;
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    // The pid of the traced program once it is called `comm` and sleeps in nanosleep (it has run its start-up).
    private static int WaitForAsleepChild(System.Diagnostics.Process sysgate, string comm)
    {
        for (int i = 0; i < 1500; i++)
        {
            foreach (var task in Directory.GetDirectories($"/proc/{sysgate.Id}/task"))
            foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                try
                {
                    if (File.ReadAllText($"/proc/{child}/comm").Trim() == comm
                        && File.ReadAllText($"/proc/{child}/wchan") is "hrtimer_nanosleep" or "do_nanosleep")
                        return int.Parse(child, System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (IOException) { } // gone meanwhile
            }
            Thread.Sleep(10);
        }
        throw new TimeoutException($"no child called {comm} asleep under sysgate {sysgate.Id}");
    }

    [Fact]
    public void A_child_that_is_gone_before_its_parents_fork_event_keeps_its_output_file()
    {
        // On one CPU a short child often runs, exits and is reaped before the tracer reads its parent's fork
        // event; that late event used to announce the child again, and -ff re-created (emptied) its file.
        // Without the fix about one run in eight had an empty file.
        string cpu = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))
            .Split('\t')[1].Split(',', '-')[0];
        string dir = Directory.CreateTempSubdirectory("sysgate-ff-race-").FullName;
        try
        {
            for (int run = 0; run < 25; run++)
            {
                foreach (var old in Directory.GetFiles(dir)) File.Delete(old);
                var r = SysgateRunner.Run(["trace", "-ff", "-e", "trace=execve", "-o", Path.Combine(dir, "t"), "--",
                    "/bin/sh", "-c", "/bin/true; /bin/true; /bin/true; /bin/true"], stdin: null, wrapper: ["/usr/bin/taskset", "-c", cpu]);
                Assert.True(r.ExitCode == 0, r.Stderr);
                var files = Directory.GetFiles(dir);
                Assert.Equal(5, files.Length);
                Assert.All(files, f =>
                {
                    string text = File.ReadAllText(f);
                    Assert.StartsWith("execve(", text);
                    Assert.EndsWith("+++ exited with 0 +++\n", text);
                });
            }
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_program_whose_exec_fails_ends_the_trace_with_the_calls_error()
    {
        // posix_spawn's child fails its execve after the tracer seized it and exits; posix_spawn waits for that
        // exit. This used to hang for ever: the child was held at its exit stop until posix_spawn returned.
        string dir = Directory.CreateTempSubdirectory("sysgate-noexec-").FullName;
        try
        {
            string file = Path.Combine(dir, "not-a-program");
            File.WriteAllBytes(file, [0x7f, 0x00, 0x01, 0x02, 0x0a]); // executable bits, no ELF or #! header
            if (OperatingSystem.IsLinux())
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var r = SysgateRunner.Run("trace", "-f", "-s", "256", "--", file);
            Assert.True(r.ExitCode == 126, r.Stderr);
            Assert.StartsWith($"execve(\"{file}\", [\"{file}\"], 0x", r.Stderr);
            Assert.Contains(" */) = -1 ENOEXEC (Exec format error)\n+++ exited with 127 +++\n", r.Stderr);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Exit_code_is_the_programs()
    {
        Assert.Equal(7, SysgateRunner.Run("trace", "-o", "/dev/null", "--", "/bin/sh", "-c", "exit 7").ExitCode);
        var killed = SysgateRunner.Run("trace", "-e", "trace=none", "--", "/bin/sh", "-c", "kill -TERM $$");
        Assert.Equal(128 + 15, killed.ExitCode);
        Assert.EndsWith("+++ killed by SIGTERM +++\n", killed.Stderr);
    }

    [Theory]
    [InlineData("trace=nosuchcall")]
    [InlineData("inject=openat:error=NOPE")]
    [InlineData("inject=openat:error=EIO:when=0")]
    public void Bad_expression_is_one_line_and_exit_2_without_running(string expr)
    {
        string marker = Path.Combine(Path.GetTempPath(), $"sysgate-e2e-{Guid.NewGuid():N}");
        var r = SysgateRunner.Run("trace", "-e", expr, "--", "/bin/touch", marker);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sysgate trace: ", r.Stderr);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Json_lines_parse()
    {
        var r = SysgateRunner.Run("trace", "--json", "-e", "trace=openat", "--", "/bin/cat", "/etc/hostname");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var events = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "syscall" && e.GetProperty("syscall").GetString() == "openat"
            && e.GetProperty("text").GetString() == "openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY)" && e.GetProperty("result").GetInt64() == 3);
        Assert.Equal("exit", events[^1].GetProperty("type").GetString());
    }

    [Fact]
    public void Summary_and_output_file()
    {
        string file = Path.Combine(Path.GetTempPath(), $"sysgate-e2e-{Guid.NewGuid():N}");
        try
        {
            var r = SysgateRunner.Run("trace", "-c", "-o", file, "--", "/bin/true");
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Equal("", r.Stderr);
            var table = File.ReadAllText(file);
            Assert.StartsWith("% time     seconds  usecs/call     calls    errors syscall\n", table);
            Assert.Matches(@"(?m)^ *\d+\.\d\d +\d+\.\d{6} +\d+ +1 +execve$", table);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task Attach_then_ctrl_c_detaches_and_the_process_runs_on()
    {
        using var loop = Sysgate.Spawn.SafeProcess.Start(new Sysgate.Spawn.SpawnSpec
        {
            Program = "/bin/sh", Arguments = ["-c", "while :; do cat /etc/hostname >/dev/null; sleep 0.05; done"],
            Fds = Sysgate.Spawn.FdMap.Stdio().Close(1).MapFile(1, "/dev/null", Sysgate.Spawn.FileOpenMode.Write),
        });
        try
        {
            // Ctrl-C: find the sysgate process by its command line and send it SIGINT after a while.
            var interrupter = Task.Run(async () =>
            {
                string needle = $"\0-p\0{loop.Pid}\0";
                for (int i = 0; i < 400; i++)
                {
                    foreach (var dir in Directory.GetDirectories("/proc"))
                    {
                        if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
                        string cmdline;
                        try { cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")) + "\0"; } catch (IOException) { continue; }
                        if (!cmdline.Contains("\0trace\0", StringComparison.Ordinal) || !cmdline.Contains(needle, StringComparison.Ordinal)) continue;
                        await Task.Delay(1500);
                        Sysgate.Native.Interop.Libc.Kill(pid, 2);
                        return true;
                    }
                    await Task.Delay(50);
                }
                return false;
            });
            var r = await Task.Run(() => SysgateRunner.Run("trace", "-f", "-e", "trace=openat", "-p", $"{loop.Pid}"));
            Assert.True(await interrupter, "sysgate trace -p never showed up");
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Contains("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY", r.Stderr);
            await Task.Delay(200);
            Assert.False(loop.HasExited);
            string stat = File.ReadAllText($"/proc/{loop.Pid}/stat");
            Assert.True(stat[stat.LastIndexOf(')') + 2] is 'S' or 'R', stat);
        }
        finally
        {
            loop.Kill(9);
        }
    }
}
