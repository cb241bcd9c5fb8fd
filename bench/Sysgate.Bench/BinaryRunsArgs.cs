namespace Sysgate.Bench;

/// <summary>The <c>[--runs N] [--sysgate PATH]</c> arguments of the benchmarks that run the sysgate binary.</summary>
internal static class BinaryRunsArgs
{
    /// <summary>
    /// Parses <paramref name="args"/>; the binary defaults to SYSGATE_BIN, then to scripts/publish-aot's output.
    /// Returns false (having said why on stderr) on an unknown argument or a missing binary.
    /// </summary>
    public static bool TryParse(string benchmark, string[] args, int defaultRuns, out int runs, out string sysgate)
    {
        runs = defaultRuns;
        sysgate = "";
        string? path = Environment.GetEnvironmentVariable("SYSGATE_BIN");
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length: runs = int.Parse(args[++i]); break;
                case "--sysgate" when i + 1 < args.Length: path = args[++i]; break;
                default:
                    Console.Error.WriteLine($"{benchmark}: unknown argument '{args[i]}' (known: --runs N, --sysgate PATH)");
                    return false;
            }
        }
        path ??= BenchPaths.AotBinary();
        if (path is null || !File.Exists(path))
        {
            Console.Error.WriteLine($"{benchmark}: no sysgate binary: run scripts/publish-aot first (or pass --sysgate PATH / set SYSGATE_BIN)");
            return false;
        }
        sysgate = Path.GetFullPath(path);
        return true;
    }
}
