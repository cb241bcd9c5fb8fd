using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sysgate.Tests.Support;

/// <summary>
/// Small C programs compiled at test time (<c>cc -O2 -pthread</c>) into one temporary directory per test run,
/// each compiled once per run (cached by name; the same name must always come with the same source).
/// </summary>
internal static class CProgram
{
    private static readonly Lazy<string> Dir = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), $"sysgate-cprog-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return dir;
    });

    private static readonly ConcurrentDictionary<string, Lazy<string>> Built = new();

    /// <summary>Returns the path of the executable built from <paramref name="source"/>, compiling it on first use.</summary>
    public static string Get(string name, string source) =>
        Built.GetOrAdd(name, n => new Lazy<string>(() => Compile(n, source))).Value;

    private static string Compile(string name, string source)
    {
        string src = Path.Combine(Dir.Value, name + ".c"), exe = Path.Combine(Dir.Value, name);
        File.WriteAllText(src, source);
        var psi = new ProcessStartInfo("cc") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-O2", "-pthread", "-Wall", "-o", exe, src })
            psi.ArgumentList.Add(a);
        using var cc = Process.Start(psi) ?? throw new InvalidOperationException("could not start cc");
        var stderr = cc.StandardError.ReadToEndAsync();
        cc.StandardOutput.ReadToEnd();
        cc.WaitForExit();
        if (cc.ExitCode != 0)
            throw new InvalidOperationException($"cc failed for {name}.c (exit {cc.ExitCode}):\n{stderr.Result}");
        return exe;
    }
}
