using Sysgate.Native;
using Sysgate.Native.Interop;

namespace Sysgate.Interception;

/// <summary>
/// What a handler can do about the current stopped call besides deciding: read the caller's memory
/// (process_vm_readv) and check the stop is still current. One instance per supervisor, reused for every call.
/// </summary>
public abstract class SyscallContext
{
    private const int PageSize = 4096;

    /// <summary>Thread id whose memory <see cref="ReadMemory"/> reads (the current caller).</summary>
    public int Tid { get; protected set; }

    /// <summary>The backend this context belongs to.</summary>
    public abstract InterceptionBackend Backend { get; }

    /// <summary>
    /// True while the caller is still stopped in this very call. For seccomp notify this is
    /// SECCOMP_IOCTL_NOTIF_ID_VALID: call it AFTER reading memory and BEFORE acting on what was read, because
    /// the tid may have died and been reused while you read.
    /// </summary>
    public abstract bool IsStillValid();

    /// <summary>True if this backend can carry out decisions of <paramref name="kind"/>.</summary>
    public abstract bool Supports(SyscallDecisionKind kind);

    /// <summary>
    /// Copies caller memory at <paramref name="address"/> into <paramref name="destination"/>, page by page so an
    /// unmapped page ends the copy instead of failing it. Returns the bytes copied (possibly fewer than asked), or
    /// -errno if nothing could be read (EFAULT: bad address, ESRCH: the caller is gone).
    /// </summary>
    public unsafe int ReadMemory(ulong address, Span<byte> destination)
    {
        if (Tid <= 0)
            return -Errno.ESRCH;
        int done = 0;
        fixed (byte* start = destination)
        {
            while (done < destination.Length)
            {
                ulong at = address + (ulong)done;
                int chunk = (int)Math.Min((ulong)(destination.Length - done), PageSize - (at % PageSize));
                var local = new IoVec { Base = start + done, Length = (nuint)chunk };
                var remote = new IoVec { Base = (void*)at, Length = (nuint)chunk };
                nint n = Libc.ProcessVmReadv(Tid, &local, 1, &remote, 1, 0);
                if (n <= 0)
                    return done > 0 ? done : n == 0 ? -Errno.EFAULT : -Errno.Last;
                done += (int)n;
                if (n < chunk)
                    break;
            }
        }
        return done;
    }

    /// <summary>
    /// Copies a NUL-terminated string from caller memory. Returns its length (without the NUL, which is not
    /// copied), -ENAMETOOLONG if <paramref name="destination"/> filled up without a NUL, or -errno.
    /// </summary>
    public int ReadCString(ulong address, Span<byte> destination)
    {
        int done = 0;
        while (done < destination.Length)
        {
            // Read at most to the end of the current page: the string may end just before an unmapped page.
            ulong at = address + (ulong)done;
            int chunk = (int)Math.Min((ulong)(destination.Length - done), PageSize - (at % PageSize));
            int n = ReadMemory(at, destination.Slice(done, chunk));
            if (n < 0)
                return n;
            int nul = destination.Slice(done, n).IndexOf((byte)0);
            if (nul >= 0)
                return done + nul;
            done += n;
            if (n < chunk)
                return -Errno.EFAULT;
        }
        return -Errno.ENAMETOOLONG;
    }
}
