namespace Sysgate.Syscalls;

/// <summary>
/// errno names and messages (strace's wording), generated from <c>data/syscalls/errno.tsv</c> as switches
/// (nothing is built at run time). Also knows the kernel-internal restart codes (ERESTARTSYS...) a tracer
/// can observe.
/// </summary>
public static partial class ErrnoNames
{
    /// <summary>"ENOENT" for 2; null when unknown.</summary>
    public static string? Name(int errno) => NameOf(errno);

    /// <summary>"No such file or directory" for 2; null when unknown.</summary>
    public static string? Message(int errno) => MessageOf(errno);

    /// <summary>True for the kernel-internal codes (512..) that strace prints as <c>= ? ERESTARTSYS</c>.</summary>
    public static bool IsKernelInternal(int errno) => errno >= 512;

    /// <summary>Parses "EIO" (aliases like EWOULDBLOCK too) or a decimal number.</summary>
    public static bool TryParse(string text, out int errno)
    {
        ArgumentNullException.ThrowIfNull(text);
        errno = NumberOf(text);
        if (errno >= 0) return true;
        return int.TryParse(text, System.Globalization.NumberStyles.None, null, out errno) && errno > 0 && errno < 4096;
    }
}
