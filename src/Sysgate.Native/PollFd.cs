using System.Runtime.InteropServices;

namespace Sysgate.Native;

/// <summary>struct pollfd and the poll(2) event bits.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct PollFd
{
    /// <summary>The fd to watch.</summary>
    public int Fd;
    /// <summary>Requested events.</summary>
    public short Events;
    /// <summary>Returned events.</summary>
    public short Revents;

#pragma warning disable CS1591 // the names are the documentation
    public const short POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;
#pragma warning restore CS1591
}
