namespace Sysgate.Syscalls;

/// <summary>What a system call argument means: drives decoding (and later vetting).</summary>
public enum ArgKind
{
    /// <summary>Signed 32-bit integer.</summary>
    Int,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt,
    /// <summary>Signed 64-bit integer.</summary>
    Long,
    /// <summary>Unsigned 64-bit integer.</summary>
    ULong,
    /// <summary>Opaque value printed in hex.</summary>
    Hex,
    /// <summary>An address not decoded further (NULL or 0x...).</summary>
    Pointer,
    /// <summary>A size_t count.</summary>
    Size,
    /// <summary>A file offset (loff_t).</summary>
    Offset,
    /// <summary>A file descriptor.</summary>
    Fd,
    /// <summary>A directory descriptor for *at calls (AT_FDCWD allowed).</summary>
    DirFd,
    /// <summary>A file name (NUL-terminated, not cut by the string limit).</summary>
    Path,
    /// <summary>A NUL-terminated string that is not a path (cut at the string limit).</summary>
    String,
    /// <summary>A file mode (octal, with the S_IF* type when present).</summary>
    Mode,
    /// <summary>A user id.</summary>
    Uid,
    /// <summary>A group id.</summary>
    Gid,
    /// <summary>A process id.</summary>
    Pid,
    /// <summary>A signal number.</summary>
    Signal,
    /// <summary>A register slot the call ignores on 64-bit (high half of an offset): never printed.</summary>
    Skip,
    /// <summary>A NULL-terminated array of strings (argv).</summary>
    StringArray,
    /// <summary>The environment array: printed as its address and count, like strace.</summary>
    EnvArray,
    /// <summary>A buffer read by the kernel; its length is argument <see cref="ArgSpec.LengthArg"/>.</summary>
    InBuffer,
    /// <summary>A buffer written by the kernel; capacity is argument <see cref="ArgSpec.LengthArg"/>, content length the return value.</summary>
    OutBuffer,
    /// <summary>A NUL-terminated string written by the kernel (getcwd).</summary>
    OutString,
    /// <summary>An iovec array read by the kernel; count is argument <see cref="ArgSpec.LengthArg"/>.</summary>
    IoVec,
    /// <summary>An iovec array written by the kernel; count is argument <see cref="ArgSpec.LengthArg"/>.</summary>
    OutIoVec,
    /// <summary>A socket address read by the kernel; its length is argument <see cref="ArgSpec.LengthArg"/>.</summary>
    SockAddr,
    /// <summary>A socket address written by the kernel; argument <see cref="ArgSpec.LengthArg"/> points to its length.</summary>
    OutSockAddr,
    /// <summary>A bit set from the flag set <see cref="ArgSpec.SetName"/>.</summary>
    Flags,
    /// <summary>One value from the set <see cref="ArgSpec.SetName"/>.</summary>
    Enum,
    /// <summary>Pointer to a struct read by the kernel (<see cref="ArgSpec.StructName"/>).</summary>
    StructPtr,
    /// <summary>Pointer to a struct written by the kernel (<see cref="ArgSpec.StructName"/>).</summary>
    OutStructPtr,
}
