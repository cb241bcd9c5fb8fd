using System.Runtime.InteropServices;

namespace Sysgate.Native.Seccomp;

/// <summary>struct seccomp_notif: one trapped call as received by SECCOMP_IOCTL_NOTIF_RECV.</summary>
/// <remarks>The kernel may report a larger size (SECCOMP_GET_NOTIF_SIZES); receive into a buffer of that
/// size, zeroed before every receive, and read this prefix.</remarks>
[StructLayout(LayoutKind.Sequential)]
public struct SeccompNotif
{
    /// <summary>Cookie identifying this notification for ID_VALID/SEND/ADDFD.</summary>
    public ulong Id;
    /// <summary>Thread id of the trapped task, in the listener owner's pid namespace (0 if not visible).</summary>
    public uint Pid;
    /// <summary>Reserved flags (0).</summary>
    public uint Flags;
    /// <summary>The call.</summary>
    public SeccompData Data;
}

/// <summary>struct seccomp_notif_resp: the answer sent with SECCOMP_IOCTL_NOTIF_SEND.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SeccompNotifResp
{
    /// <summary>The notification's cookie.</summary>
    public ulong Id;
    /// <summary>Return value when <see cref="Error"/> is 0.</summary>
    public long Val;
    /// <summary>Negative errno to fail the call, or 0.</summary>
    public int Error;
    /// <summary><see cref="SeccompConstants.USER_NOTIF_FLAG_CONTINUE"/> to let the kernel run the call.</summary>
    public uint Flags;
}

/// <summary>struct seccomp_notif_addfd: install a supervisor fd into the tracee (SECCOMP_IOCTL_NOTIF_ADDFD).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SeccompNotifAddfd
{
    /// <summary>The notification's cookie.</summary>
    public ulong Id;
    /// <summary><see cref="SeccompConstants.ADDFD_FLAG_SETFD"/> / <see cref="SeccompConstants.ADDFD_FLAG_SEND"/>.</summary>
    public uint Flags;
    /// <summary>The supervisor's fd to duplicate.</summary>
    public uint SrcFd;
    /// <summary>Target fd number when SETFD is set (else 0).</summary>
    public uint NewFd;
    /// <summary>O_CLOEXEC or 0 for the new fd.</summary>
    public uint NewFdFlags;
}

/// <summary>struct seccomp_notif_sizes (SECCOMP_GET_NOTIF_SIZES).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SeccompNotifSizes
{
    /// <summary>sizeof(struct seccomp_notif) of the running kernel.</summary>
    public ushort Notif;
    /// <summary>sizeof(struct seccomp_notif_resp) of the running kernel.</summary>
    public ushort Resp;
    /// <summary>sizeof(struct seccomp_data) of the running kernel.</summary>
    public ushort Data;
}
