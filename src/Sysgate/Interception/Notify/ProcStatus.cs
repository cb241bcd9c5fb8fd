using System.Runtime.CompilerServices;
using Sysgate.Native;
using Sysgate.Native.Interop;

namespace Sysgate.Interception.Notify;

/// <summary>Reads a thread's tgid (/proc/&lt;tid&gt;/status), current CPU (/proc/&lt;tid&gt;/stat) and the file system
/// of one of its fds (/proc/&lt;tid&gt;/fd/N) without managed allocation.</summary>
internal static unsafe class ProcStatus
{
    /// <summary>The tgid of <paramref name="tid"/>, or 0 if it is gone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ReadTgid(int tid)
    {
        // "Tgid:" is the 4th line, well within the first 512 bytes.
        byte* buf = stackalloc byte[512];
        int n = ReadProcFile(tid, "/status"u8, buf, 512);
        return n > 0 ? ParseTgid(new ReadOnlySpan<byte>(buf, n)) : 0;
    }

    /// <summary>The CPU <paramref name="tid"/> last ran on (field 39 of /proc/&lt;tid&gt;/stat), or -1 if it is gone.</summary>
    public static int ReadProcessor(int tid)
    {
        byte* buf = stackalloc byte[1024];
        int n = ReadProcFile(tid, "/stat"u8, buf, 1024);
        return n > 0 ? ParseProcessor(new ReadOnlySpan<byte>(buf, n)) : -1;
    }

    /// <summary>Field 39 (processor) of a /proc/&lt;tid&gt;/stat line, or -1. The command name (field 2) may hold
    /// spaces and parentheses, so counting starts after its last ')'.</summary>
    internal static int ParseProcessor(ReadOnlySpan<byte> stat)
    {
        int close = stat.LastIndexOf((byte)')');
        if (close < 0)
            return -1;
        int field = 2, value = -1;
        for (int i = close + 1; i < stat.Length; i++)
        {
            byte c = stat[i];
            if (c == (byte)' ')
            {
                if (field == 39)
                    return value;
                field++;
                value = field == 39 ? 0 : -1;
                continue;
            }
            if (field == 39)
            {
                if (c is < (byte)'0' or > (byte)'9')
                    return -1;
                value = value * 10 + (c - '0');
            }
        }
        return field == 39 ? value : -1;
    }

    /// <summary>
    /// When fd <paramref name="fd"/> of <paramref name="tid"/> refers to a file on a procfs (statfs through the
    /// /proc/&lt;tid&gt;/fd/N link), writes where that link points into <paramref name="target"/> and returns its
    /// length (the buffer's length when cut); -1 when it is not on a procfs or cannot be told (thread or fd gone).
    /// </summary>
    public static int ProcfsTarget(int tid, int fd, Span<byte> target)
    {
        if (tid <= 0 || fd < 0)
            return -1;
        byte* path = stackalloc byte[48];
        int len = Path(tid, "/fd/"u8, path);
        len += Format(fd, path + len);
        path[len] = 0;
        long* buf = stackalloc long[Libc.StatfsBufferSize / sizeof(long)];
        if (Libc.Statfs(path, (byte*)buf) != 0 || buf[0] != Libc.ProcSuperMagic)
            return -1;
        fixed (byte* t = target)
        {
            nint n = Libc.Readlink(path, t, target.Length);
            return n < 0 ? 0 : (int)n; // unreadable: an empty target, which no rule finds harmless
        }
    }

    // Reads up to `size` bytes of /proc/<tid><name>; returns the count, or 0 if the thread is gone.
    private static int ReadProcFile(int tid, ReadOnlySpan<byte> name, byte* buf, int size)
    {
        if (tid <= 0)
            return 0;
        byte* path = stackalloc byte[32];
        path[Path(tid, name, path)] = 0;

        int fd = Libc.Open(path, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0);
        if (fd < 0)
            return 0;
        nint n = Libc.Read(fd, buf, (nuint)size);
        Libc.Close(fd);
        return n > 0 ? (int)n : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int ParseTgid(ReadOnlySpan<byte> status)
    {
        int at = status.IndexOf("\nTgid:"u8);
        if (at < 0)
            return 0;
        int value = 0;
        for (int i = at + 6; i < status.Length; i++)
        {
            byte c = status[i];
            if (c is (byte)' ' or (byte)'\t')
                continue;
            if (c is < (byte)'0' or > (byte)'9')
                break;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    // Writes "/proc/<tid><name>" (not terminated) and returns its length.
    private static int Path(int tid, ReadOnlySpan<byte> name, byte* path)
    {
        int len = 0;
        foreach (byte b in "/proc/"u8)
            path[len++] = b;
        len += Format(tid, path + len);
        foreach (byte b in name)
            path[len++] = b;
        return len;
    }

    private static int Format(int value, byte* dest)
    {
        byte* tmp = stackalloc byte[12];
        int n = 0;
        do
        {
            tmp[n++] = (byte)('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = 0; i < n; i++)
            dest[i] = tmp[n - 1 - i];
        return n;
    }
}
