using System.Text.Unicode;
using Sysgate.Native;
using Sysgate.Native.Interop;

namespace Sysgate.Interception.Vetting;

/// <summary>
/// A notify-backend handler for <c>openat</c> (and x86_64 <c>open</c>) that never lets the kernel act on the
/// tracee's memory: it copies the path, opens the file ITSELF (relative paths against the tracee's own cwd or
/// dirfd, through /proc), vets what it actually opened by identity (device + inode), and injects its fd as the
/// call's result. Opens for writing are refused: the policy is read-only with a deny list.
/// </summary>
/// <remarks>
/// Why not check the path and answer Continue: the kernel would read the path again from tracee memory, and
/// another thread of the tracee can rewrite it in between (TOCTOU). Why not compare path strings: "..",
/// "//", symlinks and hard links name the same file differently. Unreadable memory fails the call (EFAULT):
/// no decision is ever taken on data we could not see. Allocates nothing per call.
/// </remarks>
public sealed unsafe class ReadOnlyOpenVetter : ISyscallHandler
{
    private const int PathMax = 4096;
    private readonly HashSet<FileIdentity> _denied = new();
    private readonly int _openat, _open;

    /// <summary>Denies the files at <paramref name="deniedPaths"/> (resolved now, by identity).</summary>
    public ReadOnlyOpenVetter(IEnumerable<string> deniedPaths)
    {
        foreach (var path in deniedPaths)
        {
            int fd = OpenPath(path);
            if (fd < 0)
                throw ErrnoException.FromLast($"open {path} to deny it");
            _denied.Add(FileIdentity.Of(fd));
            Libc.Close(fd);
        }
        _openat = HostArch.Current == Arch.X86_64 ? Sysno.X86_64.openat : Sysno.Aarch64.openat;
        _open = HostArch.Current == Arch.X86_64 ? Sysno.X86_64.open : -1;
    }

    /// <summary>The syscall numbers this vetter must see (trap them with USER_NOTIF).</summary>
    public IReadOnlyList<int> Numbers => _open >= 0 ? [_openat, _open] : [_openat];

    /// <inheritdoc/>
    public SyscallDecision Handle(in SyscallEvent ev, SyscallContext context)
    {
        if (ev.IsWarmup || (ev.Number != _openat && ev.Number != _open))
            return SyscallDecision.Continue;
        bool isOpenat = ev.Number == _openat;
        int dirfd = isOpenat ? (int)ev.Arg(0) : ArchOpenFlags.AT_FDCWD;
        ulong pathAddress = ev.Arg(isOpenat ? 1 : 0);
        int flags = (int)ev.Arg(isOpenat ? 2 : 1);

        Span<byte> path = stackalloc byte[PathMax + 1];
        int length = context.ReadCString(pathAddress, path[..PathMax]);
        if (length < 0) return SyscallDecision.Fail(Errno.EFAULT);
        if (length >= PathMax - 1) return SyscallDecision.Fail(Errno.ENAMETOOLONG);
        if (length == 0) return SyscallDecision.Fail(Errno.ENOENT);
        path[length] = 0;
        // The copy is ours from here on; the tracee may still be gone (answering is then moot).
        if (!context.IsStillValid()) return SyscallDecision.Fail(Errno.EINTR);

        if ((flags & ArchOpenFlags.O_ACCMODE) != OpenFlags.O_RDONLY
            || (flags & (OpenFlags.O_CREAT | OpenFlags.O_TRUNC)) != 0
            || (flags & ArchOpenFlags.O_TMPFILE) == ArchOpenFlags.O_TMPFILE)
            return SyscallDecision.Fail(Errno.EACCES);

        int baseFd = path[0] == '/' ? ArchOpenFlags.AT_FDCWD : OpenTraceeDirectory(ev.Pid, dirfd);
        if (baseFd < 0 && path[0] != '/')
            return SyscallDecision.Fail(Errno.EBADF);
        int fd;
        fixed (byte* p = path)
            fd = Libc.Openat(baseFd, p, flags | OpenFlags.O_CLOEXEC | OpenFlags.O_NOCTTY, 0);
        int openErrno = fd < 0 ? Errno.Last : 0;
        if (baseFd >= 0) Libc.Close(baseFd);
        if (fd < 0) return SyscallDecision.Fail(openErrno);

        if (_denied.Contains(FileIdentity.Of(fd)))
        {
            Libc.Close(fd);
            return SyscallDecision.Fail(Errno.EACCES);
        }
        return SyscallDecision.InjectOwnedFd(fd, closeOnExec: (flags & OpenFlags.O_CLOEXEC) != 0);
    }

    // The directory a relative path of the tracee starts from: its cwd, or its dirfd, via /proc.
    private static int OpenTraceeDirectory(int pid, int dirfd)
    {
        Span<byte> proc = stackalloc byte[64];
        bool ok = dirfd == ArchOpenFlags.AT_FDCWD
            ? Utf8.TryWrite(proc, $"/proc/{pid}/cwd\0", out _)
            : Utf8.TryWrite(proc, $"/proc/{pid}/fd/{dirfd}\0", out _);
        if (!ok) return -1;
        fixed (byte* p = proc)
            return Libc.Open(p, ArchOpenFlags.O_PATH | ArchOpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0);
    }

    private static int OpenPath(string path)
    {
        Span<byte> buffer = stackalloc byte[PathMax + 1];
        if (!Utf8.TryWrite(buffer, $"{path}\0", out _))
            throw new ArgumentException($"Path too long: {path}", nameof(path));
        fixed (byte* p = buffer)
            return Libc.Open(p, ArchOpenFlags.O_PATH | OpenFlags.O_CLOEXEC, 0);
    }
}
