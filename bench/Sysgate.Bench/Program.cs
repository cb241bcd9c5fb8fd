namespace Sysgate.Bench;

/// <summary>Benchmarks that print ratios against a baseline measured in the same run.</summary>
public static class Program
{
    /// <summary>Runs the benchmark named by the first argument.</summary>
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "spawn":
                return SpawnBenchmark.Run(args.Skip(1).ToArray());
            default:
                Console.Error.WriteLine("usage: Sysgate.Bench spawn [ITERATIONS] [EXTRA_FDS]");
                return 2;
        }
    }
}
