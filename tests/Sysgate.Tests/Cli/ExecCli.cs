using System.Diagnostics;

namespace Sysgate.Tests.Cli;

/// <summary>
/// Runs <c>sysgate</c> for real from a bash script (so the script can open fds first, as a user's shell
/// would). SYSGATE_BIN selects a NativeAOT binary; otherwise the JIT build, <c>dotnet Sysgate.Cli.dll</c>,
/// from next to the tests or from src/Sysgate.Cli/bin.
/// </summary>
internal static class ExecCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>The shell words that invoke sysgate, quoted for bash.</summary>
    public static string Command { get; } = FindCommand();

    /// <summary>Runs <paramref name="script"/> with bash; <c>$SYSGATE</c> in it expands to the sysgate command.</summary>
    public static Result Bash(string script)
    {
        var psi = new ProcessStartInfo("/bin/bash")
        {
            ArgumentList = { "-c", $"SYSGATE=({Command}); {script.Replace("$SYSGATE", "\"${SYSGATE[@]}\"")}" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bash -c {script} did not finish within a minute");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindCommand()
    {
        if (Environment.GetEnvironmentVariable("SYSGATE_BIN") is { Length: > 0 } bin) return Quote(Path.GetFullPath(bin));
        string local = Path.Combine(AppContext.BaseDirectory, "Sysgate.Cli.dll");
        if (!File.Exists(local))
        {
            string config = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sysgate.sln"))) dir = dir.Parent;
            local = Path.Combine(dir?.FullName ?? ".", $"src/Sysgate.Cli/bin/{config}/net10.0/Sysgate.Cli.dll");
        }
        if (!File.Exists(local)) throw new FileNotFoundException("build src/Sysgate.Cli first (or set SYSGATE_BIN)", local);
        return $"dotnet {Quote(local)}";
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
