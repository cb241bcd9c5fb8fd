namespace Sysgate.Bench;

/// <summary>Benchmarks that print ratios against a baseline measured in the same run.</summary>
public static class Program
{
    // One entry per benchmark, each in its own file: add yours here.
    private static readonly Dictionary<string, (string Description, Func<string[], int> Run)> Benchmarks = new()
    {
        ["spawn"] = ("SafeProcess.Start vs posix_spawn and Process.Start [ITERATIONS] [EXTRA_FDS]", SpawnBenchmark.Run),
        ["intercept"] = ("trapped/untrapped syscall cost vs native, a minimal C unotify supervisor and strace [--calls N] [--rounds R]", InterceptBenchmark.Run),
        ["startup"] = ("start-up of the sysgate binary vs env(1) and strace(1)", StartupBenchmark.Run),
        ["trace-workloads"] = ("real programs under sysgate trace vs strace -f [--runs N]", TraceWorkloadBenchmark.Run),
    };

    /// <summary>Runs the benchmark named by the first argument with the remaining arguments.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && Benchmarks.TryGetValue(args[0], out var benchmark))
            return benchmark.Run(args[1..]);
        Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Sysgate.Bench -- <benchmark> [options]");
        Console.Error.WriteLine("benchmarks:");
        foreach (var (name, (description, _)) in Benchmarks.OrderBy(b => b.Key, StringComparer.Ordinal))
            Console.Error.WriteLine($"  {name,-10} {description}");
        return args.Length == 0 ? 2 : 1;
    }
}
