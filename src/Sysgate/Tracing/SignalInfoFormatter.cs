using System.Buffers.Binary;
using System.Text;
using Sysgate.Decoding;

namespace Sysgate.Tracing;

/// <summary>
/// strace's signal line body: <c>SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=42, si_uid=0, si_status=0, si_utime=0, si_stime=0}</c>,
/// from the 128-byte siginfo_t PTRACE_GETSIGINFO returns (x86_64/aarch64 layout).
/// </summary>
public static class SignalInfoFormatter
{
    private const int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11, SIGCHLD = 17;

    /// <summary>Appends the signal name and, when <paramref name="siginfo"/> holds 128 bytes, the siginfo in braces.</summary>
    public static void Append(StringBuilder sb, int signal, ReadOnlySpan<byte> siginfo)
    {
        ArgumentNullException.ThrowIfNull(sb);
        SignalDecoders.AppendSignal(sb, signal);
        if (siginfo.Length < 48) return;
        int signo = BinaryPrimitives.ReadInt32LittleEndian(siginfo);
        int code = BinaryPrimitives.ReadInt32LittleEndian(siginfo[8..]);
        sb.Append(" {si_signo=");
        SignalDecoders.AppendSignal(sb, signo);
        sb.Append(", si_code=");
        AppendCode(sb, signo, code);
        int pid = BinaryPrimitives.ReadInt32LittleEndian(siginfo[16..]);
        int uid = BinaryPrimitives.ReadInt32LittleEndian(siginfo[20..]);
        if (code <= 0 || code == 0x80)
        {
            // Sent by a process (kill, tkill, sigqueue) or the kernel: sender pid and uid.
            if (code != 0x80) sb.Append(", si_pid=").Append(pid).Append(", si_uid=").Append(uid);
        }
        else if (signo == SIGCHLD)
        {
            int status = BinaryPrimitives.ReadInt32LittleEndian(siginfo[24..]);
            sb.Append(", si_pid=").Append(pid).Append(", si_uid=").Append(uid).Append(", si_status=");
            if (code == 1) sb.Append(status); else SignalDecoders.AppendSignal(sb, status);
            sb.Append(", si_utime=").Append(BinaryPrimitives.ReadInt64LittleEndian(siginfo[32..]))
              .Append(", si_stime=").Append(BinaryPrimitives.ReadInt64LittleEndian(siginfo[40..]));
        }
        else if (signo is SIGSEGV or SIGBUS or SIGILL or SIGFPE or SIGTRAP)
        {
            sb.Append(", si_addr=0x").Append(BinaryPrimitives.ReadUInt64LittleEndian(siginfo[16..]).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        }
        sb.Append('}');
    }

    private static void AppendCode(StringBuilder sb, int signo, int code)
    {
        string? name = code switch
        {
            0 => "SI_USER",
            0x80 => "SI_KERNEL",
            -1 => "SI_QUEUE",
            -2 => "SI_TIMER",
            -3 => "SI_MESGQ",
            -4 => "SI_ASYNCIO",
            -5 => "SI_SIGIO",
            -6 => "SI_TKILL",
            _ => null,
        };
        if (name is null && code > 0)
        {
            name = signo switch
            {
                SIGCHLD => code switch { 1 => "CLD_EXITED", 2 => "CLD_KILLED", 3 => "CLD_DUMPED", 4 => "CLD_TRAPPED", 5 => "CLD_STOPPED", 6 => "CLD_CONTINUED", _ => null },
                SIGSEGV => code switch { 1 => "SEGV_MAPERR", 2 => "SEGV_ACCERR", _ => null },
                SIGBUS => code switch { 1 => "BUS_ADRALN", 2 => "BUS_ADRERR", 3 => "BUS_OBJERR", _ => null },
                SIGTRAP => code switch { 1 => "TRAP_BRKPT", 2 => "TRAP_TRACE", _ => null },
                _ => null,
            };
        }
        if (name is null) sb.Append(code); else sb.Append(name);
    }
}
