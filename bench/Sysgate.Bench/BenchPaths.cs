using System.Diagnostics;

namespace Sysgate.Bench;

/// <summary>Where the benchmarks find the repository, the sysgate binaries and ../shared/bench.</summary>
internal static class BenchPaths
{
    /// <summary>The NativeAOT binary scripts/publish-aot writes (null outside the repository).</summary>
    public static string? AotBinary() => RepoRoot() is { } root ? Path.Combine(root, "artifacts", "aot", "sysgate") : null;

    /// <summary>The Release JIT build of the CLI, if built.</summary>
    public static string? JitDll() =>
        RepoRoot() is { } root && Path.Combine(root, "src/Sysgate.Cli/bin/Release/net10.0/Sysgate.Cli.dll") is var dll && File.Exists(dll)
            ? dll : null;

    /// <summary>The shared benchmark sources (getppid-loop.c, unotify-baseline.c) beside the repository.</summary>
    public static string? SharedBench() =>
        RepoRoot() is { } root && Path.Combine(root, "..", "shared", "bench") is var dir && Directory.Exists(dir) ? Path.GetFullPath(dir) : null;

    /// <summary>The directory holding Sysgate.sln, searched upwards from the working and the app directory.</summary>
    public static string? RepoRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Sysgate.sln"))) return dir.FullName;
        return null;
    }

    // "sysgate NAME --help" succeeds even for an unknown NAME (help wins over the parse error), so look
    // for NAME in the root help's command list instead.
    /// <summary>Whether <paramref name="sysgate"/> has the subcommand <paramref name="name"/>.</summary>
    public static bool HasSubcommand(string sysgate, string name)
    {
        var psi = new ProcessStartInfo(sysgate) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("--help");
        using var p = Process.Start(psi)!;
        var help = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return help.Split('\n').Any(line => line.StartsWith($"  {name} ", StringComparison.Ordinal));
    }
}
