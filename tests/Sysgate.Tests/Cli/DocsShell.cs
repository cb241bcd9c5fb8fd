using System.Diagnostics;

namespace Sysgate.Tests.Cli;

/// <summary>Runs a shell (bash, zsh, fish, man, groff) for the docs and completion tests.</summary>
internal static class DocsShell
{
    /// <summary>Full path of <paramref name="program"/> on PATH, or null when it is not installed.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/>; returns exit code and output.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string program, IEnumerable<string> args,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false, WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(true);
            throw new TimeoutException($"{program} {string.Join(' ', psi.ArgumentList)} hung");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Asks the generated bash completion what it offers for <paramref name="words"/> (the last word is
    /// the one being completed), exactly as bash would call it on TAB.
    /// </summary>
    public static IReadOnlyList<string> BashComplete(string script, string workingDirectory, params string[] words)
    {
        var file = Path.Combine(Path.GetTempPath(), $"sysgate-completion-{Guid.NewGuid():N}.bash");
        File.WriteAllText(file, script);
        try
        {
            var (code, stdout, stderr) = Run("bash", [
                "-c", """source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; _sysgate; printf '%s\n' "${COMPREPLY[@]}" """,
                "bash", file, .. words], workingDirectory);
            Assert.True(code == 0, $"bash completion failed ({code}): {stderr}");
            return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally { File.Delete(file); }
    }
}
