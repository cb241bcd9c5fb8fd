using System.Diagnostics;
using System.Globalization;
using Sysgate.Interception;
using Sysgate.Interception.Bpf;
using Sysgate.Interception.Notify;
using Sysgate.Native;
using Sysgate.Spawn;

namespace Sysgate.Bench;

/// <summary>
/// <c>intercept [--calls N] [--rounds R] [--sysgate PATH]</c>: the cost of a trapped and of an untrapped
/// system call, against the floors in ../shared/bench (compiled with cc at bench time):
/// <list type="bullet">
/// <item>untraced call under a filter that traps something else: vs native (goal at most 1.10x);</item>
/// <item>traced call, notify backend answering Continue: vs the minimal C supervisor with --sync (goal 1.3x);</item>
/// <item>traced call with results, <c>sysgate trace</c> (ptrace backend): vs <c>strace -f</c> (goal 0.8x).</item>
/// </list>
/// Every figure is the workload's own ns/call, median over interleaved rounds.
/// </summary>
internal static class InterceptBenchmark
{
    private sealed record Row(string Label, Func<double> Measure);

    public static int Run(string[] args)
    {
        long calls = 200_000;
        int rounds = 5;
        string? sysgate = Environment.GetEnvironmentVariable("SYSGATE_BIN");
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--calls" when i + 1 < args.Length: calls = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rounds" when i + 1 < args.Length: rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--sysgate" when i + 1 < args.Length: sysgate = args[++i]; break;
                default: Console.Error.WriteLine($"intercept: unknown argument '{args[i]}' (known: --calls N, --rounds R, --sysgate PATH)"); return 2;
            }
        }
        string dir = Directory.CreateTempSubdirectory("sysgate-bench-").FullName;
        string shared = BenchPaths.SharedBench() ?? throw new InvalidOperationException("../shared/bench not found next to the repository");
        string loop = Compile(dir, shared, "getppid-loop"), baseline = Compile(dir, shared, "unotify-baseline");
        string floor = Compile(dir, Path.Combine(AppContext.BaseDirectory, "c"), "seccomp-floor");
        string n = calls.ToString(CultureInfo.InvariantCulture);
        sysgate ??= BenchPaths.AotBinary();
        bool haveTrace = sysgate is not null && File.Exists(sysgate) && BenchPaths.HasSubcommand(sysgate, "trace");
        bool haveStrace = File.Exists("/usr/bin/strace");

        var rows = new List<Row>
        {
            new("native getppid", () => Command([loop, n])),
            new("C allow-all seccomp filter (floor)", () => Command([floor, loop, n])),
            new("C unotify supervisor (no sync)", () => Baseline([baseline, loop, n])),
            new("C unotify supervisor --sync", () => Baseline([baseline, "--sync", loop, n])),
            new("sysgate notify, Continue (library)", () => Notify(loop, n, trapGetppid: true)),
            new("sysgate notify, getppid untrapped", () => Notify(loop, n, trapGetppid: false)),
        };
        if (haveTrace)
        {
            rows.Add(new("sysgate trace -e trace=openat (untraced)", () => Command([sysgate!, "trace", "-f", "-e", "trace=openat", "-o", "/dev/null", "--", loop, n])));
            rows.Add(new("sysgate trace -f -e trace=getppid", () => Command([sysgate!, "trace", "-f", "-e", "trace=getppid", "-o", "/dev/null", "--", loop, n])));
            // Every call traced (the default): the program can then be kept on the tracer's CPU (PinnedRootRelease).
            rows.Add(new("sysgate trace -f (every call)", () => Command([sysgate!, "trace", "-f", "-o", "/dev/null", "--", loop, n])));
        }
        if (haveStrace)
        {
            rows.Add(new("strace -f -e trace=getppid", () => Command(["/usr/bin/strace", "-f", "-e", "trace=getppid", "-o", "/dev/null", loop, n])));
            rows.Add(new("strace -f (every call)", () => Command(["/usr/bin/strace", "-f", "-o", "/dev/null", loop, n])));
        }

        Console.WriteLine($"intercept: {calls} getppid calls per run, {rounds} interleaved rounds, {Environment.ProcessorCount} CPUs, kernel {Environment.OSVersion.Version}");
        var samples = rows.ToDictionary(r => r.Label, _ => new List<double>());
        foreach (var r in rows) r.Measure(); // warm-up (JIT, page cache)
        for (int round = 0; round < rounds; round++)
            foreach (var r in round % 2 == 0 ? rows : Enumerable.Reverse(rows))
                samples[r.Label].Add(r.Measure());
        var median = samples.ToDictionary(s => s.Key, s => StartupTiming.Median(s.Value.ToArray()));

        Console.WriteLine($"{"workload",-44} {"ns/call",9}");
        foreach (var r in rows) Console.WriteLine($"{r.Label,-44} {median[r.Label],9:0}");
        Console.WriteLine();
        Console.WriteLine($"{"ratio",-70} {"value",7} {"goal",8}");
        Ratio("untraced: sysgate notify (getppid untrapped) / native", median, "sysgate notify, getppid untrapped", "native getppid", 1.10);
        Ratio("untraced: sysgate notify (getppid untrapped) / C allow-all filter", median, "sysgate notify, getppid untrapped", "C allow-all seccomp filter (floor)", null);
        Ratio("floor: C allow-all filter / native (the kernel's seccomp entry cost)", median, "C allow-all seccomp filter (floor)", "native getppid", null);
        Ratio("traced: sysgate notify Continue / C supervisor --sync", median, "sysgate notify, Continue (library)", "C unotify supervisor --sync", 1.3);
        Ratio("traced: sysgate notify Continue / C supervisor (no sync)", median, "sysgate notify, Continue (library)", "C unotify supervisor (no sync)", null);
        if (haveTrace)
        {
            Ratio("untraced: sysgate trace -e trace=openat / native", median, "sysgate trace -e trace=openat (untraced)", "native getppid", 1.10);
            Ratio("untraced: sysgate trace -e trace=openat / C allow-all filter", median, "sysgate trace -e trace=openat (untraced)", "C allow-all seccomp filter (floor)", null);
            if (haveStrace)
            {
                Ratio("traced with results: sysgate trace / strace -f", median, "sysgate trace -f -e trace=getppid", "strace -f -e trace=getppid", 0.8);
                Ratio("every call traced: sysgate trace -f / strace -f", median, "sysgate trace -f (every call)", "strace -f (every call)", 0.8);
            }
        }
        else
        {
            Console.WriteLine("sysgate trace: no AOT binary with 'trace' (scripts/publish-aot, or --sysgate PATH): trace rows skipped");
        }
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    private static void Ratio(string label, Dictionary<string, double> median, string candidate, string baseline, double? goal)
    {
        double ratio = median[candidate] / median[baseline];
        string verdict = goal is double g ? (ratio <= g ? $"<={g:0.00}" : $"MISS {g:0.00}") : "";
        Console.WriteLine($"{label,-70} {ratio,6:0.00}x {verdict,8}");
    }

    // The getppid loop under Sysgate's own notify supervisor, in this process (the library path).
    private static double Notify(string loop, string n, bool trapGetppid)
    {
        var arch = HostArch.Current;
        int getppid = arch == Arch.X86_64 ? Sysno.X86_64.getppid : Sysno.Aarch64.getppid;
        int openat = arch == Arch.X86_64 ? Sysno.X86_64.openat : Sysno.Aarch64.openat;
        var program = new SeccompProgramBuilder(arch).Add(trapGetppid ? getppid : openat, SeccompAction.UserNotif).Build();
        string output = Path.GetTempFileName();
        try
        {
            var spec = new SpawnSpec { Program = loop, Arguments = [n], Fds = FdMap.Stdio().Close(1).MapFile(1, output, FileOpenMode.Write) };
            using (var traced = TracedProcess.Start(spec, program, new DelegateSyscallHandler(static (in SyscallEvent _, SyscallContext _) => SyscallDecision.Continue)))
            {
                var status = traced.WaitForExit();
                if (status.ExitCode != 0) throw new InvalidOperationException($"getppid-loop under notify: {status}");
            }
            return ParseNsPerCall(File.ReadAllText(output));
        }
        finally
        {
            File.Delete(output);
        }
    }

    // unotify-baseline.c passes the listener fd number and a go-byte through ONE pipe in both directions,
    // so the child sometimes reads back the first byte of its own message; the parent then gets a short
    // read and exits 1 while the child runs on with no listener (its getppid fails with ENOSYS: a
    // meaningless figure). Only a run that exits 0 measured the round trip, so retry until one does.
    private static double Baseline(string[] argv)
    {
        for (int attempt = 0; attempt < 50; attempt++)
            if (TryCommand(argv, out double ns)) return ns;
        throw new InvalidOperationException($"'{string.Join(' ', argv)}' never exited 0 in 50 attempts");
    }

    private static double Command(string[] argv) =>
        TryCommand(argv, out double ns) ? ns : throw new InvalidOperationException($"'{string.Join(' ', argv)}' failed");

    private static bool TryCommand(string[] argv, out double nsPerCall)
    {
        var psi = new ProcessStartInfo(argv[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in argv.Skip(1)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {argv[0]}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        nsPerCall = p.ExitCode == 0 ? ParseNsPerCall(stdout.Result) : double.NaN;
        if (p.ExitCode != 0 && !argv[0].EndsWith("unotify-baseline", StringComparison.Ordinal))
            Console.Error.WriteLine($"'{string.Join(' ', argv)}' exited {p.ExitCode}: {stderr}");
        return p.ExitCode == 0;
    }

    private static double ParseNsPerCall(string output)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.EndsWith(" ns/call", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no 'ns/call' line in: {output}");
        return double.Parse(line.AsSpan(0, line.IndexOf(' ')), CultureInfo.InvariantCulture);
    }

    private static string Compile(string dir, string sourceDir, string name)
    {
        string source = Path.Combine(sourceDir, name + ".c");
        string exe = Path.Combine(dir, name);
        using var cc = Process.Start("cc", ["-O2", "-o", exe, source]) ?? throw new InvalidOperationException("cannot start cc");
        cc.WaitForExit();
        if (cc.ExitCode != 0) throw new InvalidOperationException($"cc {source} failed");
        return exe;
    }
}
