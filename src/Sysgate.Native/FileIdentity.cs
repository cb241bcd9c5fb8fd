using Sysgate.Native.Interop;

namespace Sysgate.Native;

/// <summary>
/// What a file IS (device and inode), as opposed to what it is called: the identity a vetter compares, so
/// that a symlink, a hard link, "..", or a path swapped after the check cannot pass a denied file off as
/// another.
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    /// <summary>Room for struct stat on every supported ABI (144 bytes on x86_64, 128 on aarch64).</summary>
    public const int StatBufferSize = 256;

    /// <summary>The identity of the open file <paramref name="fd"/>; throws if fstat fails.</summary>
    public static unsafe FileIdentity Of(int fd)
    {
        byte* st = stackalloc byte[StatBufferSize];
        if (Libc.Fstat(fd, st) != 0)
            throw ErrnoException.FromLast($"fstat({fd})");
        // st_dev and st_ino are the first two 64-bit fields on x86_64 and on the generic (aarch64) layout.
        return new FileIdentity(*(ulong*)st, *(ulong*)(st + 8));
    }
}

/// <summary>open(2) flags whose values differ per architecture (the rest are in <see cref="OpenFlags"/>).</summary>
public static class ArchOpenFlags
{
    /// <summary>O_PATH (same on x86_64 and aarch64).</summary>
    public const int O_PATH = 0x200000;

    /// <summary>O_DIRECTORY on the host.</summary>
    public static int O_DIRECTORY => HostArch.Current == Arch.X86_64 ? 0x10000 : 0x4000;

    /// <summary>O_TMPFILE on the host (includes O_DIRECTORY).</summary>
    public static int O_TMPFILE => 0x400000 | O_DIRECTORY;

    /// <summary>O_ACCMODE.</summary>
    public const int O_ACCMODE = 3;

    /// <summary>AT_FDCWD.</summary>
    public const int AT_FDCWD = -100;
}
