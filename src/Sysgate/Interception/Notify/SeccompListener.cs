using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sysgate.Native;
using Sysgate.Native.Interop;
using Sysgate.Native.Seccomp;

namespace Sysgate.Interception.Notify;

/// <summary>
/// Owns a seccomp user-notification listener fd and its receive/answer buffers (allocated once, in native
/// memory, sized by SECCOMP_GET_NOTIF_SIZES so a newer kernel's larger structs fit). Methods return 0 or a
/// positive errno instead of throwing: they run on the supervisor's hot path.
/// </summary>
/// <remarks>Not thread-safe: one supervisor thread receives and answers.</remarks>
public sealed unsafe class SeccompListener : IDisposable
{
    private readonly int _notifSize;
    private readonly int _respSize;
    private byte* _notif;
    private byte* _resp;
    private int _fd = -1;

    /// <summary>Allocates the buffers; attach the fd with <see cref="Attach"/> once the filter is installed.</summary>
    public SeccompListener()
    {
        var sizes = KernelSizes;
        _notifSize = Math.Max(sizes.Notif, (ushort)sizeof(SeccompNotif));
        _respSize = Math.Max(sizes.Resp, (ushort)sizeof(SeccompNotifResp));
        _notif = (byte*)NativeMemory.AllocZeroed((nuint)_notifSize);
        _resp = (byte*)NativeMemory.AllocZeroed((nuint)_respSize);
    }

    /// <summary>The kernel's struct sizes (SECCOMP_GET_NOTIF_SIZES), queried once.</summary>
    public static SeccompNotifSizes KernelSizes { get; } = QuerySizes();

    /// <summary>The listener fd, or -1 before <see cref="Attach"/> / after <see cref="Dispose"/>.</summary>
    public int Fd => Volatile.Read(ref _fd);

    /// <summary>Takes ownership of <paramref name="fd"/> (closed by <see cref="Dispose"/>).</summary>
    public void Attach(int fd)
    {
        ObjectDisposedException.ThrowIf(_notif == null, this);
        if (Interlocked.CompareExchange(ref _fd, fd, -1) != -1)
            throw new InvalidOperationException("A listener fd is already attached.");
    }

    /// <summary>
    /// Asks for SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (kernel 6.6+: the woken supervisor runs on the tracee's CPU,
    /// cutting round-trip latency). Returns false where unsupported.
    /// </summary>
    public bool TryEnableSyncWakeUp()
    {
        // The flags travel in the ioctl argument itself, not behind a pointer (seccomp_notify_ioctl hands `arg`
        // straight to seccomp_notify_set_flags): passing &flags fails with EINVAL and silently leaves the slow,
        // cross-CPU wake-up in place.
        return Libc.Ioctl(_fd, SeccompConstants.IOCTL_NOTIF_SET_FLAGS, (void*)SeccompConstants.USER_NOTIF_FD_SYNC_WAKE_UP) == 0;
    }

    /// <summary>
    /// Receives the next notification (blocks if none is pending). Returns 0, or the errno: EINTR (retry),
    /// ENOENT (the caller went away between wake-up and receive: retry), EBADF/ENOTTY (not a listener).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Receive(out SeccompNotif notif)
    {
        // The kernel rejects a non-zeroed buffer (EINVAL) on older versions and it keeps stale bytes out.
        new Span<byte>(_notif, _notifSize).Clear();
        if (Libc.Ioctl(_fd, SeccompConstants.IOCTL_NOTIF_RECV, _notif) != 0)
        {
            notif = default;
            return Errno.Last;
        }
        notif = *(SeccompNotif*)_notif;
        return 0;
    }

    /// <summary>Answers notification <paramref name="id"/>. Returns 0 or the errno (ENOENT: caller gone or interrupted).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Respond(ulong id, long value, int negativeErrno, uint flags)
    {
        new Span<byte>(_resp, _respSize).Clear();
        var resp = (SeccompNotifResp*)_resp;
        resp->Id = id;
        resp->Val = value;
        resp->Error = negativeErrno;
        resp->Flags = flags;
        return Libc.Ioctl(_fd, SeccompConstants.IOCTL_NOTIF_SEND, _resp) == 0 ? 0 : Errno.Last;
    }

    /// <summary>Lets the call run (SECCOMP_USER_NOTIF_FLAG_CONTINUE).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int RespondContinue(ulong id) => Respond(id, 0, 0, SeccompConstants.USER_NOTIF_FLAG_CONTINUE);

    /// <summary>
    /// Installs a copy of <paramref name="sourceFd"/> into the caller (SECCOMP_IOCTL_NOTIF_ADDFD). With
    /// <paramref name="send"/> the call is answered atomically with the new fd number as its result.
    /// Returns the fd number in the caller, or -errno.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int AddFd(ulong id, int sourceFd, int targetFd, bool closeOnExec, bool send)
    {
        var addfd = new SeccompNotifAddfd
        {
            Id = id,
            Flags = (targetFd >= 0 ? SeccompConstants.ADDFD_FLAG_SETFD : 0) | (send ? SeccompConstants.ADDFD_FLAG_SEND : 0),
            SrcFd = (uint)sourceFd,
            NewFd = targetFd >= 0 ? (uint)targetFd : 0,
            NewFdFlags = closeOnExec ? (uint)OpenFlags.O_CLOEXEC : 0,
        };
        int rc = Libc.Ioctl(_fd, SeccompConstants.IOCTL_NOTIF_ADDFD, &addfd);
        return rc >= 0 ? rc : -Errno.Last;
    }

    /// <summary>True while notification <paramref name="id"/> is still pending (SECCOMP_IOCTL_NOTIF_ID_VALID).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsValid(ulong id) => Libc.Ioctl(_fd, SeccompConstants.IOCTL_NOTIF_ID_VALID, &id) == 0;

    /// <summary>
    /// Closes the fd: the kernel then fails every pending and future trapped call of the filter with ENOSYS.
    /// </summary>
    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
            Libc.Close(fd);
        if (_notif != null)
        {
            NativeMemory.Free(_notif);
            NativeMemory.Free(_resp);
            _notif = _resp = null;
        }
    }

    private static SeccompNotifSizes QuerySizes()
    {
        SeccompNotifSizes sizes;
        if (Sys.Seccomp(SeccompConstants.GET_NOTIF_SIZES, 0, &sizes) != 0)
            throw ErrnoException.FromLast("seccomp(SECCOMP_GET_NOTIF_SIZES) (kernel without user notification, 5.0+ needed?)");
        return sizes;
    }
}
