using System.Diagnostics;

namespace Sysgate.Tests.EndToEnd;

/// <summary>What one run of the sysgate command produced.</summary>
public sealed record SysgateResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs the real <c>sysgate</c> command as a separate process. With SYSGATE_BIN set (scripts/test-all
/// sets it to the NativeAOT binary) that executable is run; otherwise the JIT build, via
/// <c>dotnet Sysgate.Cli.dll</c>. End-to-end tests use this so the same tests check both builds.
/// </summary>
public static class SysgateRunner
{
    /// <summary>The xunit trait value marking tests that run the real binary: <c>--filter Category=EndToEnd</c>.</summary>
    public const string Category = "EndToEnd";

    /// <summary>The NativeAOT binary under test, when SYSGATE_BIN is set.</summary>
    public static string? Binary => Environment.GetEnvironmentVariable("SYSGATE_BIN") is { Length: > 0 } bin
        ? Path.GetFullPath(bin, RepoPaths.Root) : null;

    /// <summary>The command line that starts sysgate: the binary, or <c>dotnet Sysgate.Cli.dll</c>.</summary>
    public static IReadOnlyList<string> Command => Binary is { } bin ? [bin] : ["dotnet", JitDll()];

    /// <summary>Runs <c>sysgate ARGS</c> and waits (at most a minute) for it to exit.</summary>
    public static SysgateResult Run(params string[] args) => Run(args, stdin: null);

    /// <summary>Runs <c>sysgate ARGS</c> with <paramref name="stdin"/> as its standard input (null: empty), under
    /// <paramref name="wrapper"/> if given (e.g. <c>taskset -c 0</c>).</summary>
    public static SysgateResult Run(IReadOnlyList<string> args, string? stdin, IReadOnlyDictionary<string, string>? env = null,
        IReadOnlyList<string>? wrapper = null)
    {
        var command = (wrapper ?? []).Concat(Command).ToList();
        var psi = new ProcessStartInfo(command[0]);
        foreach (var a in command.Skip(1).Concat(args)) psi.ArgumentList.Add(a);
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {psi.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sysgate {string.Join(' ', args)} did not exit within a minute");
        }
        return new SysgateResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    // The JIT build: the CLI is a ProjectReference, so its Sysgate.Cli.dll (and runtimeconfig) sit next to
    // the test assembly; fall back to the CLI's own output directory.
    private static string JitDll()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "Sysgate.Cli.dll");
        if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "Sysgate.Cli.runtimeconfig.json"))) return local;
        var config = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var built = RepoPaths.Of($"src/Sysgate.Cli/bin/{config}/net10.0/Sysgate.Cli.dll");
        if (File.Exists(built)) return built;
        throw new FileNotFoundException($"Sysgate.Cli.dll not found next to the tests nor at {built}: build src/Sysgate.Cli first");
    }
}
