using System.Text;
using Sysgate.Native;
using Sysgate.Native.Interop;

namespace Sysgate.Spawn;

/// <summary>
/// The parent-side half of an fd map: validates every source, opens path entries, and duplicates each
/// source to a close-on-exec temporary above every child target and every source. The child then only
/// needs dup2(temp, target) per entry: swaps, cycles, one source for several targets and N-&gt;N of a
/// close-on-exec fd all work without ordering tricks. Disposing closes the temporaries and opened paths.
/// </summary>
internal sealed unsafe class FdPlan : IDisposable
{
    /// <summary>(child fd, temporary parent fd) pairs, ascending by child fd.</summary>
    public readonly (int Child, int Temp)[] Dups;
    /// <summary>Parent fds the caller designated (for the Strict check).</summary>
    public readonly HashSet<int> DesignatedParentFds = new();
    /// <summary>Highest child fd, or -1 for an empty map.</summary>
    public readonly int MaxChild;
    private readonly List<int> _owned = new();

    private FdPlan(FdMap map)
    {
        Dups = new (int, int)[map.Count];
        MaxChild = -1;
        try
        {
            var sources = new int[map.Count];
            int i = 0, highest = -1;
            foreach (var (child, source) in map.Entries)
            {
                int fd = source.Path is null ? CheckOpen(child, source.ParentFd) : OpenPath(child, source);
                sources[i] = fd;
                Dups[i] = (child, -1);
                highest = Math.Max(highest, Math.Max(child, fd));
                MaxChild = Math.Max(MaxChild, child);
                i++;
            }
            for (i = 0; i < sources.Length; i++)
            {
                int temp = Libc.Fcntl(sources[i], FcntlConst.F_DUPFD_CLOEXEC, highest + 1);
                if (temp < 0)
                {
                    int err = Errno.Last;
                    throw new SpawnException(SpawnError.BadFd, err == Errno.EINVAL
                        ? $"child fd {MaxChild} is at or beyond this process's fd limit (RLIMIT_NOFILE); raise the limit or use a lower fd."
                        : $"cannot duplicate the source of child fd {Dups[i].Child}: {new ErrnoException("fcntl(F_DUPFD_CLOEXEC)", err).Message}", err);
                }
                _owned.Add(temp);
                Dups[i] = (Dups[i].Child, temp);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Validates and prepares <paramref name="map"/>; throws <see cref="SpawnException"/> naming the bad entry.</summary>
    public static FdPlan Prepare(FdMap map) => new(map);

    private int CheckOpen(int child, int parentFd)
    {
        if (Libc.Fcntl(parentFd, FcntlConst.F_GETFD, 0) < 0)
        {
            int err = Errno.Last;
            throw new SpawnException(SpawnError.BadFd, err == Errno.EBADF
                ? $"parent fd {parentFd} (designated for child fd {child}) is not open."
                : $"parent fd {parentFd} (designated for child fd {child}): {new ErrnoException("fcntl(F_GETFD)", err).Message}", err);
        }
        DesignatedParentFds.Add(parentFd);
        return parentFd;
    }

    private int OpenPath(int child, FdSource source)
    {
        int flags = OpenFlags.O_CLOEXEC | OpenFlags.O_NOCTTY | source.OpenMode switch
        {
            FileOpenMode.Read => OpenFlags.O_RDONLY,
            FileOpenMode.Write => OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC,
            FileOpenMode.ReadWrite => OpenFlags.O_RDWR | OpenFlags.O_CREAT,
            FileOpenMode.Append => OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_APPEND,
            _ => throw new ArgumentOutOfRangeException(nameof(source), source.OpenMode, "unknown open mode"),
        };
        string path = source.Path!;
        int len = Encoding.UTF8.GetByteCount(path);
        Span<byte> c = len < 1024 ? stackalloc byte[len + 1] : new byte[len + 1];
        Encoding.UTF8.GetBytes(path, c);
        c[len] = 0;
        int fd;
        fixed (byte* p = c) fd = Libc.Open(p, flags, 0x1B6 /* 0666, umask applies */);
        if (fd < 0)
        {
            int err = Errno.Last;
            throw new SpawnException(SpawnError.OpenFailed,
                $"cannot open {path} for child fd {child} ({source.OpenMode}): {new ErrnoException("open", err).Message}", err);
        }
        _owned.Add(fd);
        return fd;
    }

    /// <summary>Closes the temporaries and the opened path entries.</summary>
    public void Dispose()
    {
        foreach (int fd in _owned) Libc.Close(fd);
        _owned.Clear();
    }
}
