using System.Diagnostics;

namespace Sysgate.Bench;

/// <summary>
/// <c>startup [--runs N] [--sysgate PATH]</c>: how much a sysgate invocation costs over the plain tools a
/// script would otherwise use. Paired, interleaved runs; prints median wall times and their ratio.
/// <list type="bullet">
/// <item><c>sysgate exec -- /bin/true</c> vs <c>/usr/bin/env /bin/true</c> (goal: at most 3.0x).</item>
/// <item><c>sysgate trace -f -o /dev/null -- /bin/true</c> vs <c>strace -f -o /dev/null /bin/true</c> (goal: at most 1.0x).</item>
/// </list>
/// Measures the NativeAOT binary (scripts/publish-aot) by default: that is what gets installed.
/// </summary>
internal static class StartupBenchmark
{
    public static int Run(string[] args)
    {
        if (!BinaryRunsArgs.TryParse("startup", args, defaultRuns: 200, out int runs, out string sysgate))
            return 2;
        Console.WriteLine($"startup: {sysgate}, {runs} interleaved pairs per comparison, {Environment.ProcessorCount} CPUs");
        Console.WriteLine($"{"comparison",-58} {"median ms",10} {"base ms",9} {"ratio",7} {"goal",6}");

        // The floor: the binary starting and exiting, with nothing to do.
        Compare("sysgate --version vs env /bin/true", [sysgate, "--version"], ["/usr/bin/env", "/bin/true"], runs, goal: null);

        // Why NativeAOT: the same command under the JIT (fewer runs: each costs tens of ms).
        if (BenchPaths.JitDll() is { } dll)
            Compare("sysgate --version: JIT (dotnet Sysgate.Cli.dll) vs AOT", ["dotnet", dll, "--version"], [sysgate, "--version"],
                Math.Max(10, runs / 4), goal: null);

        if (BenchPaths.HasSubcommand(sysgate, "exec"))
            Compare("sysgate exec -- /bin/true vs env /bin/true",
                [sysgate, "exec", "--", "/bin/true"], ["/usr/bin/env", "/bin/true"], runs, goal: 3.0);
        else
            Console.WriteLine("sysgate exec: not in this build yet, skipped");

        if (!BenchPaths.HasSubcommand(sysgate, "trace"))
            Console.WriteLine("sysgate trace: not in this build yet, skipped");
        else if (!File.Exists("/usr/bin/strace"))
            Console.WriteLine("sysgate trace: strace(1) not installed (apt-get install strace), skipped");
        else
            Compare("sysgate trace -f -o /dev/null vs strace -f -o /dev/null",
                [sysgate, "trace", "-f", "-o", "/dev/null", "--", "/bin/true"],
                ["/usr/bin/strace", "-f", "-o", "/dev/null", "/bin/true"], runs, goal: 1.0);
        return 0;
    }

    private static void Compare(string label, string[] candidate, string[] baseline, int runs, double? goal)
    {
        var (c, b) = StartupTiming.Paired(candidate, baseline, runs);
        double mc = StartupTiming.Median(c), mb = StartupTiming.Median(b), ratio = mc / mb;
        string verdict = goal is double g ? (ratio <= g ? $"<={g:0.0}" : $"MISS {g:0.0}") : "";
        Console.WriteLine($"{label,-58} {mc,10:0.00} {mb,9:0.00} {ratio,6:0.00}x {verdict,6}");
        Console.WriteLine($"{"",-58} p10-p90 {StartupTiming.Percentile(c, 0.1):0.00}-{StartupTiming.Percentile(c, 0.9):0.00} vs {StartupTiming.Percentile(b, 0.1):0.00}-{StartupTiming.Percentile(b, 0.9):0.00}");
    }
}
