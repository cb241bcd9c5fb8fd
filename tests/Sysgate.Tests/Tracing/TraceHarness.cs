using Sysgate.Spawn;
using Sysgate.Tracing;

namespace Sysgate.Tests.Tracing;

/// <summary>Runs a program under <c>sysgate trace</c> (in process, via <see cref="TraceRun"/>) or under strace(1),
/// both with only stdio (stdout to /dev/null unless given) and the trace in a file.</summary>
internal static class TraceHarness
{
    public const string Strace = "/usr/bin/strace";

    public static bool HaveStrace => File.Exists(Strace);

    public static FdMap QuietStdout(string? stdoutFile = null, string? stderrFile = null)
    {
        var map = FdMap.Stdio().Close(1).MapFile(1, stdoutFile ?? "/dev/null", FileOpenMode.Write);
        if (stderrFile is not null) map.Close(2).MapFile(2, stderrFile, FileOpenMode.Write);
        return map;
    }

    /// <summary>Traces argv with <paramref name="options"/> (its OutputPath set to a temp file); returns (exit code, trace).</summary>
    public static (int ExitCode, string Trace) Sysgate(TraceOptions options, string[] argv, FdMap? fds = null)
    {
        string file = Path.Combine(Path.GetTempPath(), $"sysgate-trace-{Guid.NewGuid():N}");
        try
        {
            var opt = WithOutput(options, file);
            using var run = TraceRun.Start(opt, new SpawnSpec { Program = argv[0], Arguments = argv[1..], Fds = fds ?? QuietStdout() });
            var wait = Task.Run(run.Wait);
            if (!wait.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException($"trace of {string.Join(' ', argv)} did not end");
            return (wait.Result, File.ReadAllText(file));
        }
        finally { File.Delete(file); }
    }

    /// <summary>strace -f -o FILE argv.</summary>
    public static string StraceOf(string[] argv, params string[] flags)
    {
        string file = Path.Combine(Path.GetTempPath(), $"strace-{Guid.NewGuid():N}");
        try
        {
            string[] args = [.. flags, "-o", file, "--", .. argv];
            using var child = SafeProcess.Start(new SpawnSpec { Program = Strace, Arguments = args, Fds = QuietStdout() });
            child.WaitForExit();
            return File.ReadAllText(file);
        }
        finally { File.Delete(file); }
    }

    public static TraceOptions WithOutput(TraceOptions o, string path) => new()
    {
        FollowForks = o.FollowForks, PerProcessFiles = o.PerProcessFiles, OutputPath = path, StringLimit = o.StringLimit,
        FdPaths = o.FdPaths, SyscallTimes = o.SyscallTimes, Timestamps = o.Timestamps, Summary = o.Summary, Json = o.Json,
        Filter = o.Filter, Injections = o.Injections,
    };
}
