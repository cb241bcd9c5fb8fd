using Sysgate.Native;
using Sysgate.Native.Interop;

namespace Sysgate.Spawn;

/// <summary>Facts about this process's fd table that the spawn layer checks (Strict mode, close_range).</summary>
internal static class FdTable
{
    private static readonly Lazy<bool> CloseRangeWorks = new(ProbeCloseRange);

    /// <summary>
    /// Whether close_range(2) works here. Probed once on an empty range (fd ~0U is never open): a container
    /// seccomp policy may answer EPERM/ENOSYS, and then glibc's closefrom in the child walks /proc/self/fd.
    /// </summary>
    public static bool CloseRangeAvailable => CloseRangeWorks.Value;

    internal static bool ProbeCloseRange()
    {
        if (Libc.CloseRange(uint.MaxValue, uint.MaxValue, 0) == 0) return true;
        int err = Errno.Last;
        SpawnLog.Write($"sysgate spawn: close_range(2) refused ({new ErrnoException("close_range", err).Message}); " +
                       "children close undesignated fds through glibc's /proc/self/fd fallback (slower with many open fds).");
        return false;
    }

    /// <summary>Undesignated fds without FD_CLOEXEC (fd number and what it is), ascending.</summary>
    public static List<(int Fd, string Target)> InheritableFds(IReadOnlySet<int> designated)
    {
        var leaks = new List<(int, string)>();
        foreach (string entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out int fd) || designated.Contains(fd)) continue;
            int flags = Libc.Fcntl(fd, FcntlConst.F_GETFD, 0);
            if (flags < 0 || (flags & FcntlConst.FD_CLOEXEC) != 0) continue;  // closed meanwhile, or safe
            string target;
            try { target = new FileInfo(entry).LinkTarget ?? "?"; }
            catch (IOException) { target = "?"; }
            leaks.Add((fd, target));
        }
        leaks.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return leaks;
    }
}
