using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Sysgate.Native;
using Sysgate.Native.Interop;
using Sysgate.Spawn;

namespace Sysgate.Bench;

/// <summary>
/// Spawn + wait of /bin/true: plain posix_spawn (no fd work, the baseline), the safe API (fast path and
/// with a no-op thread setup), and System.Diagnostics.Process; first with the fds this process has, then
/// again with 100,000 extra open (close-on-exec) fds. The safe API closes undesignated fds with one
/// close_range in the child, so its cost must track the baseline, not the fd count.
/// </summary>
internal static unsafe class SpawnBenchmark
{
    private sealed class NoSetup : ISpawnThreadSetup
    {
        public void Apply() { }
    }

    public static int Run(string[] args)
    {
        int iterations = args.Length > 0 ? int.Parse(args[0]) : 1000;
        int extraFds = args.Length > 1 ? int.Parse(args[1]) : 100_000;
        Console.WriteLine($"spawn+wait /bin/true, {iterations} iterations per row, {Environment.ProcessorCount} CPUs, close_range available: {SafeProcess.CloseRangeAvailable}");
        var variants = new (string Name, Action Spawn)[]
        {
            ("posix_spawn (baseline, no fd work)", PlainPosixSpawn),
            ("SafeProcess.Start", () => { using var c = SafeProcess.Start(Spec); c.WaitForExit(); }),
            ("SafeProcess.Start + ThreadSetup", () => { using var c = SafeProcess.Start(SpecWithThread); c.WaitForExit(); }),
            ("posix_spawn + close(fd) up to limit", NaiveCloseLoop),
            ("System.Diagnostics.Process", () => { using var p = Process.Start("/bin/true"); p.WaitForExit(); }),
        };

        var rows = new List<(string, int, double)>();
        Measure(variants, iterations, 0, rows);
        int opened = OpenExtraFds(extraFds);
        Measure(variants, iterations, opened, rows);

        Console.WriteLine();
        Console.WriteLine($"{"variant",-36} {"extra fds",10} {"µs/spawn",10} {"vs baseline",12} {"vs itself @0",13}");
        foreach (var (name, fds, us) in rows)
        {
            double baseline = rows.First(r => r.Item1 == variants[0].Name && r.Item2 == fds).Item3;
            double atZero = rows.First(r => r.Item1 == name && r.Item2 == 0).Item3;
            Console.WriteLine($"{name,-36} {fds,10:N0} {us,10:F1} {us / baseline,11:F2}x {us / atZero,12:F2}x");
        }
        return 0;
    }

    private static readonly SpawnSpec Spec = new() { Program = "/bin/true" };
    private static readonly SpawnSpec SpecWithThread = Spec with { ThreadSetup = new NoSetup() };

    // Rounds interleave the variants so load from other processes hits them alike; the median round is kept.
    private const int Rounds = 7;

    private static void Measure((string Name, Action Spawn)[] variants, int iterations, int extraFds, List<(string, int, double)> rows)
    {
        foreach (var (_, spawn) in variants)
            for (int i = 0; i < 20; i++) spawn();  // warm-up (JIT, page cache)
        var perRound = new double[variants.Length][];
        for (int v = 0; v < variants.Length; v++) perRound[v] = new double[Rounds];
        int perBlock = Math.Max(1, iterations / Rounds);
        for (int round = 0; round < Rounds; round++)
            for (int v = 0; v < variants.Length; v++)
            {
                var sw = Stopwatch.StartNew();
                for (int i = 0; i < perBlock; i++) variants[v].Spawn();
                perRound[v][round] = sw.Elapsed.TotalMicroseconds / perBlock;
            }
        for (int v = 0; v < variants.Length; v++)
        {
            Array.Sort(perRound[v]);
            double us = perRound[v][Rounds / 2];
            Console.WriteLine($"  {variants[v].Name,-36} extra fds {extraFds,7:N0}: {us,8:F1} µs/spawn (median of {Rounds} rounds of {perBlock})");
            rows.Add((variants[v].Name, extraFds, us));
        }
    }

    // Built once: the baseline measures posix_spawn + wait and nothing else.
    private static readonly nint TruePath = (nint)Utf8Z("/bin/true");
    private static readonly nint TrueArgv = MakeArgv();

    private static void PlainPosixSpawn()
    {
        int pid;
        int rc = LibcExports.PosixSpawn((nint)(&pid), TruePath, 0, 0, TrueArgv, TrueArgv + 2 * sizeof(nint));
        if (rc != 0) throw new ErrnoException("posix_spawn", rc);
        SigInfo info;
        if (Libc.Waitid(WaitConst.P_PID, (uint)pid, &info, WaitConst.WEXITED) != 0) throw ErrnoException.FromLast("waitid");
    }

    // What "close everything" looks like without close_range: one close per fd number up to RLIMIT_NOFILE
    // in the child, whether or not the fd is open (the loop this library never does).
    private static nint _naiveActions;
    private static ulong _naiveLimit;

    private static void NaiveCloseLoop()
    {
        RLimit limit;
        Libc.Getrlimit(RLimit.RLIMIT_NOFILE, &limit);
        if (_naiveLimit != limit.Current)
        {
            if (_naiveActions != 0) Libc.PosixSpawnFileActionsDestroy((void*)_naiveActions);
            else _naiveActions = (nint)NativeMemory.AllocZeroed(PosixSpawnFlags.FileActionsSize);
            Libc.PosixSpawnFileActionsInit((void*)_naiveActions);
            for (int fd = 3; fd < (int)Math.Min(limit.Current, int.MaxValue); fd++)
                Libc.PosixSpawnFileActionsAddClose((void*)_naiveActions, fd);
            _naiveLimit = limit.Current;
        }
        int pid;
        int rc = LibcExports.PosixSpawn((nint)(&pid), TruePath, _naiveActions, 0, TrueArgv, TrueArgv + 2 * sizeof(nint));
        if (rc != 0) throw new ErrnoException("posix_spawn", rc);
        SigInfo info;
        if (Libc.Waitid(WaitConst.P_PID, (uint)pid, &info, WaitConst.WEXITED) != 0) throw ErrnoException.FromLast("waitid");
    }

    private static nint MakeArgv()
    {
        var argv = (nint*)NativeMemory.AllocZeroed(4, (nuint)sizeof(nint));  // { "true", NULL, NULL (empty envp) }
        argv[0] = (nint)Utf8Z("true");
        return (nint)argv;
    }

    private static byte* Utf8Z(string s)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s + "\0");
        byte* p = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        return p;
    }

    /// <summary>Raises RLIMIT_NOFILE (root: hard limit to 1,048,576) and opens <paramref name="count"/> close-on-exec fds.</summary>
    private static int OpenExtraFds(int count)
    {
        RLimit limit;
        Libc.Getrlimit(RLimit.RLIMIT_NOFILE, &limit);
        var wanted = new RLimit { Current = Math.Max(limit.Max, 1UL << 20), Max = Math.Max(limit.Max, 1UL << 20) };
        if (Libc.Setrlimit(RLimit.RLIMIT_NOFILE, &wanted) != 0)
        {
            wanted = new RLimit { Current = limit.Max, Max = limit.Max };
            Libc.Setrlimit(RLimit.RLIMIT_NOFILE, &wanted);
        }
        Libc.Getrlimit(RLimit.RLIMIT_NOFILE, &limit);
        using var devNull = File.OpenHandle("/dev/null");
        int source = (int)devNull.DangerousGetHandle(), opened = 0;
        // Leave headroom under the limit for the temporaries, pidfds and the runtime itself.
        if ((ulong)count + 1000 > limit.Current)
        {
            Console.WriteLine($"RLIMIT_NOFILE hard limit {limit.Max:N0} (raising it needs CAP_SYS_RESOURCE): {count:N0} extra fds do not fit");
            count = (int)limit.Current - 1000;
        }
        for (; opened < count; opened++)
            if (Libc.Fcntl(source, FcntlConst.F_DUPFD_CLOEXEC, 3) < 0) break;
        Console.WriteLine($"RLIMIT_NOFILE soft {limit.Current:N0}: opened {opened:N0} extra fds (highest about {opened + 3:N0})");
        return opened;
    }
}
