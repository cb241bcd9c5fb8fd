namespace Sysgate.Bench;

/// <summary>Benchmarks that print ratios against a baseline measured in the same run.</summary>
public static class Program
{
    /// <summary>Runs the benchmark named by the first argument.</summary>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: Sysgate.Bench <benchmark>");
        return 2;
    }
}
