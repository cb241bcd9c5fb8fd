using System.Runtime.CompilerServices;
using Sysgate.Native;
using Sysgate.Native.Interop;

namespace Sysgate.Interception.Notify;

/// <summary>Reads the thread group id of a thread from /proc/&lt;tid&gt;/status without managed allocation.</summary>
internal static unsafe class ProcStatus
{
    /// <summary>The tgid of <paramref name="tid"/>, or 0 if it is gone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ReadTgid(int tid)
    {
        if (tid <= 0)
            return 0;
        byte* path = stackalloc byte[32];
        int len = 0;
        foreach (byte b in "/proc/"u8)
            path[len++] = b;
        len += Format(tid, path + len);
        foreach (byte b in "/status"u8)
            path[len++] = b;
        path[len] = 0;

        int fd = Libc.Open(path, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0);
        if (fd < 0)
            return 0;
        // "Tgid:" is the 4th line, well within the first 512 bytes.
        byte* buf = stackalloc byte[512];
        nint n = Libc.Read(fd, buf, 512);
        Libc.Close(fd);
        return n > 0 ? ParseTgid(new ReadOnlySpan<byte>(buf, (int)n)) : 0;
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
