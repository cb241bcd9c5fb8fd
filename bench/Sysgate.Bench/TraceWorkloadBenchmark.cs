namespace Sysgate.Bench;

/// <summary>
/// <c>trace-workloads [--runs N] [--sysgate PATH]</c>: real programs traced with every call printed, sysgate
/// against strace: <c>sysgate trace -f -o /dev/null -- PROGRAM</c> vs <c>strace -f -o /dev/null PROGRAM</c>,
/// paired and interleaved; median wall times and their ratio. Unlike <c>startup</c>, the program's own calls
/// dominate: this is what a stop costs, start-up aside.
/// </summary>
internal static class TraceWorkloadBenchmark
{
    // (label, argv, pairs relative to --runs): the long ones get fewer runs.
    private static readonly (string Label, string[] Program, int Divisor)[] Workloads =
    [
        ("ls -la /etc", ["/bin/ls", "-la", "/etc"], 1),
        ("python3 -c 'import json, email, http.client'", ["/usr/bin/python3", "-c", "import json, email, http.client"], 2),
        ("sh -c 'for i in 1 2 3 4 5; do /bin/true; done'", ["/bin/sh", "-c", "for i in 1 2 3 4 5; do /bin/true; done"], 2),
        ("find /usr/lib -name '*.so'", ["/usr/bin/find", "/usr/lib", "-name", "*.so"], 10),
    ];

    public static int Run(string[] args)
    {
        if (!BinaryRunsArgs.TryParse("trace-workloads", args, defaultRuns: 40, out int runs, out string sysgate))
            return 2;
        if (!File.Exists("/usr/bin/strace"))
        {
            Console.Error.WriteLine("trace-workloads: strace(1) not installed (apt-get install strace)");
            return 2;
        }
        Console.WriteLine($"trace-workloads: {sysgate} vs strace, {Environment.ProcessorCount} CPUs");
        Console.WriteLine($"{"program (traced with -f, output to /dev/null)",-52} {"pairs",5} {"sysgate ms",11} {"strace ms",10} {"ratio",7}");
        foreach (var (label, program, divisor) in Workloads)
        {
            if (!File.Exists(program[0])) { Console.WriteLine($"{label,-52} skipped: {program[0]} not installed"); continue; }
            int pairs = Math.Max(3, runs / divisor);
            var (c, b) = StartupTiming.Paired([sysgate, "trace", "-f", "-o", "/dev/null", "--", .. program],
                ["/usr/bin/strace", "-f", "-o", "/dev/null", .. program], pairs);
            double mc = StartupTiming.Median(c), mb = StartupTiming.Median(b);
            Console.WriteLine($"{label,-52} {pairs,5} {mc,11:0.0} {mb,10:0.0} {mc / mb,6:0.00}x");
        }
        return 0;
    }
}
