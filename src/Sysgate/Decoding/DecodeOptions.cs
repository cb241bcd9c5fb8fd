using Sysgate.Native;

namespace Sysgate.Decoding;

/// <summary>How calls are rendered (strace's -s, -y).</summary>
public sealed class DecodeOptions
{
    /// <summary>Defaults: host architecture, 32-byte strings, no fd paths.</summary>
    public static DecodeOptions Default { get; } = new();

    /// <summary>strace -s: strings and buffers longer than this are cut and followed by "...". Default 32.</summary>
    public int StringLimit { get; init; } = 32;

    /// <summary>strace -x / -xx: how strings and buffers are escaped.</summary>
    public StringStyle StringStyle { get; init; } = StringStyle.Default;

    /// <summary>The tracee's architecture (argument layouts and constants differ).</summary>
    public Arch Arch { get; init; } = HostArch.Current;

    /// <summary>
    /// strace -y: maps an fd to its path (e.g. readlink of /proc/PID/fd/N); null prints plain numbers. It is also
    /// asked for AT_FDCWD (-100) where a dirfd argument is AT_FDCWD, and should answer with the working directory
    /// (readlink of /proc/PID/cwd), printed as <c>AT_FDCWD&lt;/tmp&gt;</c>; null leaves plain <c>AT_FDCWD</c>.
    /// </summary>
    public Func<int, string?>? FdPathResolver { get; init; }
}

/// <summary>String escaping styles (strace's default, -x and -xx).</summary>
public enum StringStyle
{
    /// <summary>Printable ASCII as is, C escapes, octal for the rest.</summary>
    Default,
    /// <summary>-x: a string with any non-printable byte is printed entirely in \x escapes.</summary>
    HexIfNonPrintable,
    /// <summary>-xx: every byte in \x escapes.</summary>
    HexAll,
}
