using System.Text;
using Sysgate.Syscalls;

namespace Sysgate.Decoding;

/// <summary>Scalar renderings shared by the family decoders.</summary>
internal static class ValueFormatter
{
    public const int AtFdCwd = -100;
    private const int PathMax = 4096;

    /// <summary>"0" for zero, else "0x..." (strace's %#lx).</summary>
    public static void AppendHex(StringBuilder sb, ulong v)
    {
        if (v == 0) sb.Append('0');
        else AppendHexDigits(sb.Append("0x"), v);
    }

    /// <summary>USER_HZ: clock_t values the kernel reports (siginfo, times) count 1/100 s on every Linux arch.</summary>
    private const long UserHz = 100;

    /// <summary>A clock_t as strace: <c>0</c>, <c>1 /* 0.01 s */</c>, <c>150 /* 1.50 s */</c>.</summary>
    public static void AppendClockTicks(StringBuilder sb, long ticks)
    {
        sb.Append(ticks);
        if (ticks <= 0) return;
        long frac = ticks % UserHz;
        sb.Append(" /* ").Append(ticks / UserHz).Append('.');
        if (frac < 10) sb.Append('0');
        sb.Append(frac).Append(" s */");
    }

    /// <summary>NULL or 0x... .</summary>
    public static void AppendPointer(StringBuilder sb, ulong v)
    {
        if (v == 0) sb.Append("NULL");
        else AppendHexDigits(sb.Append("0x"), v);
    }

    /// <summary>Lower-case hex digits without a prefix, without allocating.</summary>
    public static StringBuilder AppendHexDigits(StringBuilder sb, ulong v)
    {
        Span<char> buf = stackalloc char[16];
        v.TryFormat(buf, out int n, "x", System.Globalization.CultureInfo.InvariantCulture);
        return sb.Append(buf[..n]);
    }

    /// <summary>strace's %#03o: 0644, 022, 000.</summary>
    public static void AppendOctalMode(StringBuilder sb, uint mode)
    {
        Span<char> buf = stackalloc char[12];
        int i = buf.Length;
        for (uint m = mode; m != 0; m >>= 3) buf[--i] = (char)('0' + (m & 7));
        buf[--i] = '0'; // the '#' flag's leading zero (alone for 0)
        while (buf.Length - i < 3) buf[--i] = '0';
        sb.Append(buf[i..]);
    }

    /// <summary>
    /// strace's symbolic mode (st_mode, mknod): the file type and set-id/sticky bits by name, then the
    /// permissions: S_IFDIR|S_ISVTX|0777, S_ISUID|0644. A type strace does not know prints all in octal.
    /// </summary>
    public static void AppendMode(StringBuilder sb, uint mode, Sysgate.Native.Arch arch)
    {
        const uint SIsuid = 0x800, SIsgid = 0x400, SIsvtx = 0x200;
        if ((mode & 0xf000) != 0)
        {
            string? type = FlagSets.StatType.NameOf(mode & 0xf000, arch);
            if (type is null) { AppendOctalMode(sb, mode); return; }
            sb.Append(type).Append('|');
        }
        if ((mode & SIsuid) != 0) sb.Append("S_ISUID|");
        if ((mode & SIsgid) != 0) sb.Append("S_ISGID|");
        if ((mode & SIsvtx) != 0) sb.Append("S_ISVTX|");
        AppendOctalMode(sb, mode & ~(0xf000u | SIsuid | SIsgid | SIsvtx));
    }

    /// <summary>An fd, with -y its path: 3&lt;/etc/hostname&gt;.</summary>
    public static void AppendFd(StringBuilder sb, int fd, DecodeOptions opt)
    {
        sb.Append(fd);
        if (fd >= 0 && opt.FdPathResolver?.Invoke(fd) is { } path) sb.Append('<').Append(path).Append('>');
    }

    /// <summary>A directory fd of an *at call; with -y AT_FDCWD shows the working directory: AT_FDCWD&lt;/tmp&gt;.</summary>
    public static void AppendDirFd(StringBuilder sb, int fd, DecodeOptions opt)
    {
        if (fd != AtFdCwd) { AppendFd(sb, fd, opt); return; }
        sb.Append("AT_FDCWD");
        // The resolver is asked for AT_FDCWD itself (-100) and answers with the tracee's cwd.
        if (opt.FdPathResolver?.Invoke(AtFdCwd) is { } cwd) sb.Append('<').Append(cwd).Append('>');
    }

    // Up to a whole path (PATH_MAX + NUL) is read into stack memory: the pool's first rent on a thread costs more
    // (its per-thread buckets, a fresh array) than a trace of a short program spends on all its paths.
    private const int StackBytes = PathMax + 1;

    /// <summary>A NUL-terminated string; <paramref name="limit"/> &lt; 0 means a path (not cut by -s).</summary>
    public static void AppendCString(StringBuilder sb, ITraceeMemory mem, ulong addr, int limit, StringStyle style = StringStyle.Default)
    {
        if (addr == 0) { sb.Append("NULL"); return; }
        int cap = limit < 0 ? PathMax : limit;
        byte[]? rented = null;
        Span<byte> buf = cap + 1 <= StackBytes ? stackalloc byte[cap + 1] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(cap + 1));
        try
        {
            int n = mem.ReadCString(addr, buf[..(cap + 1)], out bool terminated);
            if (n < 0) { AppendPointer(sb, addr); return; }
            bool cut = !terminated && n > cap;
            StringQuoter.Append(sb, buf[..Math.Min(n, cap)], cut, style);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A buffer of <paramref name="length"/> bytes, cut at the string limit.</summary>
    public static void AppendBuffer(StringBuilder sb, ITraceeMemory mem, ulong addr, ulong length, int limit, StringStyle style = StringStyle.Default)
    {
        if (addr == 0) { sb.Append("NULL"); return; }
        int n = (int)Math.Min(length, (ulong)limit);
        byte[]? rented = null;
        Span<byte> buf = n <= StackBytes ? stackalloc byte[n] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(n));
        try
        {
            if (!mem.TryReadExact(addr, buf[..n])) { AppendPointer(sb, addr); return; }
            StringQuoter.Append(sb, buf[..n], length > (ulong)limit, style);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
