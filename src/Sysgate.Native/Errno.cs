using System.Runtime.InteropServices;

namespace Sysgate.Native;

/// <summary>errno values used by Sysgate (Linux, same on x86_64 and aarch64).</summary>
public static class Errno
{
    /// <summary>The errno of the last P/Invoke that set it.</summary>
    public static int Last => Marshal.GetLastPInvokeError();

#pragma warning disable CS1591 // the names are the documentation
    public const int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7, ENOEXEC = 8,
        EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17,
        ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOSPC = 28, ESPIPE = 29, EROFS = 30,
        EPIPE = 32, ERANGE = 34, ENAMETOOLONG = 36, ENOSYS = 38, ELOOP = 40, ENOTSUP = 95, EOPNOTSUPP = 95,
        ETIMEDOUT = 110, EINPROGRESS = 115;
#pragma warning restore CS1591
}

/// <summary>A system call or libc function failed; carries errno and says which call.</summary>
public sealed class ErrnoException : IOException
{
    /// <summary>The errno value.</summary>
    public int Errno { get; }

    /// <summary>Creates the exception for <paramref name="what"/> failing with <paramref name="errno"/>.</summary>
    public ErrnoException(string what, int errno)
        : base($"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})") => Errno = errno;

    /// <summary>Throws for <paramref name="what"/> with the errno of the last P/Invoke.</summary>
    public static ErrnoException FromLast(string what) => new(what, Sysgate.Native.Errno.Last);
}
