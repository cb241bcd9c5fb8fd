using Sysgate.Native;
using Sysgate.Native.Interop;
using Sysgate.Spawn;

namespace Sysgate.Tests.Spawn;

/// <summary>
/// Starts a real child (/bin/sleep, which opens nothing of its own) and reads its fd table from
/// /proc/PID/fd in the parent: posix_spawn returns after the exec, so the table is exactly what the
/// new program got.
/// </summary>
internal static class ChildFdProbe
{
    public static Dictionary<int, string> FdsOf(SpawnSpec spec, Action<int>? inspect = null)
    {
        using var child = SafeProcess.Start(spec);
        try
        {
            WaitUntilSleeping(child.Pid);
            inspect?.Invoke(child.Pid);
            return FdTableOf(child.Pid);
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    /// <summary>
    /// The dynamic loader briefly opens ld.so.cache and libraries right after the exec; wait until sleep
    /// sits in nanosleep so the table read is the program's steady state.
    /// </summary>
    private static void WaitUntilSleeping(int pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.ReadAllText($"/proc/{pid}/wchan").Contains("nanosleep"))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"child {pid} never reached nanosleep");
            Thread.Sleep(1);
        }
    }

    public static Dictionary<int, string> Fds(FdMap map, FdMode mode = FdMode.Close, ISpawnThreadSetup? setup = null)
        => FdsOf(Sleeper(map, mode, setup));

    public static SpawnSpec Sleeper(FdMap map, FdMode mode = FdMode.Close, ISpawnThreadSetup? setup = null)
        => new() { Program = "/bin/sleep", Arguments = ["60"], Fds = map, Mode = mode, ThreadSetup = setup };

    public static Dictionary<int, string> FdTableOf(int pid)
    {
        var fds = new Dictionary<int, string>();
        foreach (string entry in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            fds[int.Parse(Path.GetFileName(entry))] = new FileInfo(entry).LinkTarget ?? "?";
        return fds;
    }

    /// <summary>What parent fd <paramref name="fd"/> refers to.</summary>
    public static string Target(int fd) => new FileInfo($"/proc/self/fd/{fd}").LinkTarget ?? "?";

    public static bool IsCloexec(int fd) => (Libc.Fcntl(fd, FcntlConst.F_GETFD, 0) & FcntlConst.FD_CLOEXEC) != 0;
}

/// <summary>Temporary files opened in the parent, each a distinct, recognisable fd target.</summary>
internal sealed class TempFds : IDisposable
{
    private readonly List<string> _paths = new();
    private readonly List<int> _fds = new();

    /// <summary>Opens a new temp file; <paramref name="cloexec"/> false gives an inheritable fd (like a leak).</summary>
    public int Open(bool cloexec = true)
    {
        string path = Path.Combine(Path.GetTempPath(), $"sysgate-spawn-{Guid.NewGuid():N}");
        File.WriteAllText(path, "x");
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        int fd = (int)handle.DangerousGetHandle();
        int copy = cloexec ? Libc.Fcntl(fd, FcntlConst.F_DUPFD_CLOEXEC, 0) : Libc.Dup(fd);
        handle.Dispose();
        Assert.True(copy >= 0, "dup failed");
        _paths.Add(path);
        _fds.Add(copy);
        return copy;
    }

    public void Dispose()
    {
        foreach (int fd in _fds) Libc.Close(fd);
        foreach (string p in _paths) File.Delete(p);
    }
}

/// <summary>
/// Tests that open inheritable (non-CLOEXEC) fds on purpose run alone: while they hold such fds, any
/// other test starting a child with System.Diagnostics.Process would pass them on.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InheritableFdsCollection
{
    public const string Name = "inheritable fds";
}
