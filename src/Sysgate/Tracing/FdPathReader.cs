using System.Text;
using Sysgate.Native.Interop;

namespace Sysgate.Tracing;

/// <summary>strace -y: the path behind a tracee's fd, by readlink of /proc/PID/fd/N.</summary>
public sealed unsafe class FdPathReader
{
    private readonly byte[] _link = new byte[64];
    private readonly byte[] _target = new byte[4096];

    /// <summary>The process whose fds are resolved (set before each decode).</summary>
    public int Pid { get; set; }

    /// <summary>
    /// The path of <paramref name="fd"/>, e.g. "/etc/hostname" or "pipe:[1234]"; for AT_FDCWD (-100) the working
    /// directory (strace -y prints <c>AT_FDCWD&lt;/tmp&gt;</c>); null when unknown.
    /// </summary>
    public string? Resolve(int fd)
    {
        const int AtFdCwd = -100;
        if (fd < 0 && fd != AtFdCwd) return null;
        // No string for the link path: format straight into the byte buffer.
        bool ok = fd == AtFdCwd
            ? System.Text.Unicode.Utf8.TryWrite(_link, $"/proc/{Pid}/cwd\0", out _)
            : System.Text.Unicode.Utf8.TryWrite(_link, $"/proc/{Pid}/fd/{fd}\0", out _);
        if (!ok) return null;
        fixed (byte* link = _link)
        fixed (byte* target = _target)
        {
            nint n = Libc.Readlink(link, target, _target.Length);
            return n <= 0 ? null : Encoding.UTF8.GetString(_target, 0, (int)n);
        }
    }
}
