using System.Buffers.Binary;
using System.Text;
using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Decoding;

/// <summary>
/// Renders a siginfo_t (128 bytes, 64-bit layout) like strace:
/// <c>{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=8077, si_uid=0, si_status=3, si_utime=0, si_stime=0}</c>.
/// Used for signal-delivery lines (<c>--- SIGCHLD {...} ---</c>) and for siginfo arguments.
/// </summary>
public static class SiginfoFormatter
{
    /// <summary>sizeof(siginfo_t).</summary>
    public const int Size = 128;

    private const int SigIll = 4, SigTrap = 5, SigBus = 7, SigFpe = 8, SigSegv = 11, SigChld = 17, SigPoll = 29, SigSys = 31;
    private const int SiUser = 0, SiQueue = -1, SiTimer = -2, SiMesgq = -3, SiTkill = -6, SysSeccomp = 1;

    /// <summary>Appends the decoded siginfo; fewer than 48 bytes prints "{...}".</summary>
    public static void Format(StringBuilder sb, ReadOnlySpan<byte> si, Arch arch)
    {
        ArgumentNullException.ThrowIfNull(sb);
        if (si.Length < 48) { sb.Append("{...}"); return; }
        int signo = I32(si, 0), errno = I32(si, 4), code = I32(si, 8);
        sb.Append("{si_signo=");
        SignalDecoders.AppendSignal(sb, signo);
        sb.Append(", si_code=");
        AppendCode(sb, signo, code, arch);
        if (errno != 0) sb.Append(", si_errno=").Append(ErrnoNames.Name(errno) ?? errno.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (code <= 0 || code == 0x80)
        {
            // Sent by a process (kill, tkill, sigqueue) or a timer/mq: sender fields.
            if (code == SiTimer)
                sb.Append(", si_timerid=").Append(I32(si, 16)).Append(", si_overrun=").Append(I32(si, 20));
            else
            {
                sb.Append(", si_pid=").Append(I32(si, 16)).Append(", si_uid=").Append((uint)I32(si, 20));
                if (code is SiQueue or SiMesgq) sb.Append(", si_int=").Append(I32(si, 24)).Append(", si_ptr=").Append(Ptr(si, 24));
            }
        }
        else
        {
            switch (signo)
            {
                case SigChld:
                    sb.Append(", si_pid=").Append(I32(si, 16)).Append(", si_uid=").Append((uint)I32(si, 20)).Append(", si_status=");
                    if (code == 1) sb.Append(I32(si, 24)); // CLD_EXITED: an exit code; otherwise a signal
                    else SignalDecoders.AppendSignal(sb, I32(si, 24));
                    ValueFormatter.AppendClockTicks(sb.Append(", si_utime="), I64(si, 32));
                    ValueFormatter.AppendClockTicks(sb.Append(", si_stime="), I64(si, 40));
                    break;
                case SigIll or SigFpe or SigSegv or SigBus or SigTrap:
                    sb.Append(", si_addr=").Append(Ptr(si, 16));
                    break;
                case SigPoll:
                    sb.Append(", si_band=").Append(I64(si, 16)).Append(", si_fd=").Append(I32(si, 24));
                    break;
                case SigSys when code == SysSeccomp:
                    sb.Append(", si_call_addr=").Append(Ptr(si, 16)).Append(", si_syscall=");
                    int nr = I32(si, 24);
                    uint audit = (uint)I32(si, 28);
                    var callArch = audit == AuditArch.Aarch64 ? Arch.Aarch64 : Arch.X86_64;
                    if (SyscallTable.Lookup(callArch, nr) is { } info) sb.Append("__NR_").Append(info.Name);
                    else sb.Append(nr);
                    sb.Append(", si_arch=").Append(audit switch
                    {
                        AuditArch.X86_64 => "AUDIT_ARCH_X86_64",
                        AuditArch.Aarch64 => "AUDIT_ARCH_AARCH64",
                        AuditArch.I386 => "AUDIT_ARCH_I386",
                        _ => "0x" + audit.ToString("x", System.Globalization.CultureInfo.InvariantCulture),
                    });
                    break;
            }
        }
        sb.Append('}');
    }

    private static void AppendCode(StringBuilder sb, int signo, int code, Arch arch)
    {
        FlagSet? set = code <= 0 || code == 0x80 ? FlagSets.SiCode : signo switch
        {
            SigChld => FlagSets.CldCode,
            SigSegv => FlagSets.SegvCode,
            SigBus => FlagSets.BusCode,
            SigIll => FlagSets.IllCode,
            SigFpe => FlagSets.FpeCode,
            SigTrap => FlagSets.TrapCode,
            SigSys => FlagSets.SysCode,
            SigPoll => FlagSets.PollCode,
            _ => null,
        };
        if (set?.NameOf(code, arch) is { } name) sb.Append(name);
        else sb.Append(code);
    }

    private static int I32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadInt32LittleEndian(s[at..]);

    private static long I64(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadInt64LittleEndian(s[at..]);

    private static string Ptr(ReadOnlySpan<byte> s, int at)
    {
        ulong v = BinaryPrimitives.ReadUInt64LittleEndian(s[at..]);
        return v == 0 ? "NULL" : "0x" + v.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
    }
}
