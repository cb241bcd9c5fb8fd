using Sysgate.Native.Seccomp;

namespace Sysgate.Interception.Bpf;

/// <summary>A seccomp filter return value (SECCOMP_RET_* action plus its 16-bit data).</summary>
public readonly record struct SeccompAction(uint Value)
{
    /// <summary>Let the call run.</summary>
    public static SeccompAction Allow => new(SeccompConstants.RET_ALLOW);
    /// <summary>Stop the call and ask the user-notification supervisor.</summary>
    public static SeccompAction UserNotif => new(SeccompConstants.RET_USER_NOTIF);
    /// <summary>Kill the whole process (never ignorable).</summary>
    public static SeccompAction KillProcess => new(SeccompConstants.RET_KILL_PROCESS);
    /// <summary>Kill the calling thread only.</summary>
    public static SeccompAction KillThread => new(SeccompConstants.RET_KILL_THREAD);
    /// <summary>Log and allow.</summary>
    public static SeccompAction Log => new(SeccompConstants.RET_LOG);

    /// <summary>Fail the call in-kernel with <paramref name="errno"/> (1..4095).</summary>
    public static SeccompAction Errno(int errno) => errno is > 0 and <= 4095
        ? new(SeccompConstants.RET_ERRNO | (uint)errno)
        : throw new ArgumentOutOfRangeException(nameof(errno), errno, "errno must be 1..4095.");

    /// <summary>Stop for a ptrace tracer (PTRACE_EVENT_SECCOMP with <paramref name="data"/> as the message).</summary>
    public static SeccompAction Trace(ushort data = 0) => new(SeccompConstants.RET_TRACE | data);

    /// <summary>The action part (high 16 bits).</summary>
    public uint Action => Value & SeccompConstants.RET_ACTION_FULL;

    /// <summary>The data part (low 16 bits), e.g. the errno of an ERRNO action.</summary>
    public ushort Data => (ushort)(Value & SeccompConstants.RET_DATA);

    /// <inheritdoc/>
    public override string ToString() => Action switch
    {
        SeccompConstants.RET_ALLOW => "ALLOW",
        SeccompConstants.RET_USER_NOTIF => "USER_NOTIF",
        SeccompConstants.RET_KILL_PROCESS => "KILL_PROCESS",
        SeccompConstants.RET_KILL_THREAD => "KILL_THREAD",
        SeccompConstants.RET_LOG => "LOG",
        SeccompConstants.RET_ERRNO => $"ERRNO({Data})",
        SeccompConstants.RET_TRACE => $"TRACE({Data})",
        SeccompConstants.RET_TRAP => $"TRAP({Data})",
        _ => $"0x{Value:x8}",
    };
}
