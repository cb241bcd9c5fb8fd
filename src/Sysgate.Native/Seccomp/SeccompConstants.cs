namespace Sysgate.Native.Seccomp;

/// <summary>Numbers from linux/seccomp.h and linux/filter.h (same on x86_64 and aarch64).</summary>
/// <remarks>ioctl numbers: _IOWR('!', 0, struct seccomp_notif[80]) = 0xC0502100, _IOWR('!', 1, resp[24]),
/// _IOW('!', 2, __u64), _IOW('!', 3, struct seccomp_notif_addfd[24]), _IOW('!', 4, __u64).</remarks>
public static class SeccompConstants
{
#pragma warning disable CS1591 // the names are the documentation (linux/seccomp.h)
    // prctl(2)
    public const int PR_SET_NO_NEW_PRIVS = 38, PR_GET_NO_NEW_PRIVS = 39;

    // seccomp(2) operations
    public const uint SET_MODE_STRICT = 0, SET_MODE_FILTER = 1, GET_ACTION_AVAIL = 2, GET_NOTIF_SIZES = 3;

    // SECCOMP_FILTER_FLAG_*
    public const uint FILTER_FLAG_TSYNC = 1u << 0, FILTER_FLAG_LOG = 1u << 1, FILTER_FLAG_SPEC_ALLOW = 1u << 2,
        FILTER_FLAG_NEW_LISTENER = 1u << 3, FILTER_FLAG_TSYNC_ESRCH = 1u << 4, FILTER_FLAG_WAIT_KILLABLE_RECV = 1u << 5;

    // SECCOMP_RET_* (action in the high 16 bits, data in the low 16)
    public const uint RET_KILL_PROCESS = 0x80000000, RET_KILL_THREAD = 0x00000000, RET_TRAP = 0x00030000,
        RET_ERRNO = 0x00050000, RET_USER_NOTIF = 0x7fc00000, RET_TRACE = 0x7ff00000, RET_LOG = 0x7ffc0000,
        RET_ALLOW = 0x7fff0000, RET_ACTION_FULL = 0xffff0000, RET_DATA = 0x0000ffff;

    // notification flags
    public const uint USER_NOTIF_FLAG_CONTINUE = 1, ADDFD_FLAG_SETFD = 1, ADDFD_FLAG_SEND = 2,
        USER_NOTIF_FD_SYNC_WAKE_UP = 1;

    // ioctls on the listener fd
    public const uint IOCTL_NOTIF_RECV = 0xC0502100, IOCTL_NOTIF_SEND = 0xC0182101, IOCTL_NOTIF_ID_VALID = 0x40082102,
        IOCTL_NOTIF_ADDFD = 0x40182103, IOCTL_NOTIF_SET_FLAGS = 0x40082104;
#pragma warning restore CS1591
}

/// <summary>Classic BPF opcode parts (linux/bpf_common.h) used by seccomp filters.</summary>
public static class BpfOp
{
#pragma warning disable CS1591
    // classes
    public const ushort LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, RET = 0x06, MISC = 0x07;
    // sizes / modes
    public const ushort W = 0x00, H = 0x08, B = 0x10, IMM = 0x00, ABS = 0x20, IND = 0x40, MEM = 0x60, LEN = 0x80;
    // alu/jmp ops
    public const ushort ADD = 0x00, SUB = 0x10, MUL = 0x20, DIV = 0x30, OR = 0x40, AND = 0x50, LSH = 0x60, RSH = 0x70,
        NEG = 0x80, MOD = 0x90, XOR = 0xa0;
    public const ushort JA = 0x00, JEQ = 0x10, JGT = 0x20, JGE = 0x30, JSET = 0x40;
    // sources
    public const ushort K = 0x00, X = 0x08, A = 0x10;
    // misc
    public const ushort TAX = 0x00, TXA = 0x80;
    /// <summary>BPF_MAXINSNS: the kernel's program length limit.</summary>
    public const int MaxInstructions = 4096;
#pragma warning restore CS1591
}
