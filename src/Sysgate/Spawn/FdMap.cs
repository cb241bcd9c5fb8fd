namespace Sysgate.Spawn;

/// <summary>How a path designated for a child fd is opened (in the parent, before the spawn).</summary>
public enum FileOpenMode
{
    /// <summary>O_RDONLY.</summary>
    Read,
    /// <summary>O_WRONLY|O_CREAT|O_TRUNC, mode 0666 &amp; ~umask.</summary>
    Write,
    /// <summary>O_RDWR|O_CREAT, mode 0666 &amp; ~umask (not truncated).</summary>
    ReadWrite,
    /// <summary>O_WRONLY|O_CREAT|O_APPEND, mode 0666 &amp; ~umask.</summary>
    Append,
}

/// <summary>What fds other than the designated ones do at spawn time.</summary>
public enum FdMode
{
    /// <summary>The child gets the designated fds and nothing else (default).</summary>
    Close,
    /// <summary>
    /// Like <see cref="Close"/>, but first refuse to spawn if the parent has any fd without FD_CLOEXEC
    /// that is not designated: a leak elsewhere in the program is reported instead of silently papered over.
    /// </summary>
    Strict,
    /// <summary>Old execve behaviour: every fd without FD_CLOEXEC is inherited, plus the designated ones.</summary>
    InheritAll,
}

/// <summary>One designated child fd: either a copy of a parent fd or a path opened for the child.</summary>
public readonly record struct FdSource
{
    /// <summary>The parent fd to copy, or -1 for a path entry.</summary>
    public int ParentFd { get; init; }
    /// <summary>The path to open, or null for a parent-fd entry.</summary>
    public string? Path { get; init; }
    /// <summary>How <see cref="Path"/> is opened.</summary>
    public FileOpenMode OpenMode { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Path is null ? $"parent fd {ParentFd}" : $"{Path} ({OpenMode})";
}

/// <summary>
/// The designated fds of a child: child fd number -&gt; parent fd or path. The child gets these and nothing else.
/// A parent fd may back several child fds; child fds may be swapped or cycled freely.
/// </summary>
public sealed class FdMap
{
    private readonly SortedDictionary<int, FdSource> _entries = new();

    /// <summary>A map passing stdin, stdout and stderr through (0,1,2 -&gt; 0,1,2).</summary>
    public static FdMap Stdio() => new FdMap().Map(0, 0).Map(1, 1).Map(2, 2);

    /// <summary>
    /// Like <see cref="Stdio"/>, but only those of fds 0, 1, 2 that this process actually inherited: open and
    /// without FD_CLOEXEC. A stdio fd that was closed when this process started is not passed on (as a
    /// shell's exec would not), and if something in this process has since reused the number (runtime files
    /// are opened close-on-exec) that file is not mistaken for stdio.
    /// </summary>
    public static FdMap InheritedStdio()
    {
        var map = new FdMap();
        for (int fd = 0; fd <= 2; fd++)
        {
            int flags = Sysgate.Native.Interop.Libc.Fcntl(fd, Sysgate.Native.FcntlConst.F_GETFD, 0);
            if (flags >= 0 && (flags & Sysgate.Native.FcntlConst.FD_CLOEXEC) == 0) map.Map(fd, fd);
        }
        return map;
    }

    /// <summary>A map with no fds at all (the child starts with an empty fd table).</summary>
    public static FdMap Empty() => new();

    /// <summary>Child fd <paramref name="childFd"/> becomes a copy of parent fd <paramref name="parentFd"/>.</summary>
    /// <exception cref="ArgumentException">a negative fd, or <paramref name="childFd"/> already designated.</exception>
    public FdMap Map(int childFd, int parentFd)
    {
        if (parentFd < 0) throw new ArgumentException($"parent fd {parentFd} is negative.", nameof(parentFd));
        Add(childFd, new FdSource { ParentFd = parentFd });
        return this;
    }

    /// <summary>Child fd <paramref name="childFd"/> is <paramref name="path"/> opened with <paramref name="mode"/>
    /// (opened in the parent with O_CLOEXEC, relative paths against the parent's current directory).</summary>
    /// <exception cref="ArgumentException">a negative fd, an empty path, or <paramref name="childFd"/> already designated.</exception>
    public FdMap MapFile(int childFd, string path, FileOpenMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains('\0')) throw new ArgumentException("path contains a NUL character.", nameof(path));
        Add(childFd, new FdSource { ParentFd = -1, Path = path, OpenMode = mode });
        return this;
    }

    /// <summary>Removes child fd <paramref name="childFd"/> from the map: the child will not have it.</summary>
    public FdMap Close(int childFd)
    {
        CheckChildFd(childFd);
        _entries.Remove(childFd);
        return this;
    }

    /// <summary>Whether <paramref name="childFd"/> is designated.</summary>
    public bool Contains(int childFd) => _entries.ContainsKey(childFd);

    /// <summary>Number of designated child fds.</summary>
    public int Count => _entries.Count;

    /// <summary>The designated child fds in ascending order with their sources.</summary>
    public IEnumerable<KeyValuePair<int, FdSource>> Entries => _entries;

    private void Add(int childFd, FdSource source)
    {
        CheckChildFd(childFd);
        if (!_entries.TryAdd(childFd, source))
            throw new ArgumentException($"child fd {childFd} is designated twice ({_entries[childFd]} and {source}).", nameof(childFd));
    }

    private static void CheckChildFd(int childFd)
    {
        if (childFd < 0) throw new ArgumentException($"child fd {childFd} is negative.", nameof(childFd));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", _entries.Select(e => $"{e.Key}={e.Value}"));
}
