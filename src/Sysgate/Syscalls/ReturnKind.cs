namespace Sysgate.Syscalls;

/// <summary>How a system call's return value is rendered (errors are always <c>-1 ENAME (message)</c>).</summary>
public enum ReturnKind
{
    /// <summary>A plain int (0 on success for most calls).</summary>
    Int,
    /// <summary>A signed long.</summary>
    Long,
    /// <summary>A byte count (ssize_t).</summary>
    Size,
    /// <summary>A new file descriptor.</summary>
    Fd,
    /// <summary>A process or thread id.</summary>
    Pid,
    /// <summary>An address, printed in hex (mmap, brk).</summary>
    Address,
    /// <summary>An octal mode (umask).</summary>
    Octal,
    /// <summary>Never returns on success (exit, exit_group): printed as <c>= ?</c>.</summary>
    NoReturn,
}
