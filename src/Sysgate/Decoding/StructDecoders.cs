using System.Text;

namespace Sysgate.Decoding;

/// <summary>Struct pointers by the table's struct name; unknown structs print as their address.</summary>
internal static class StructDecoders
{
    public static void Append(ref CallContext ctx, string name, ulong addr)
    {
        var sb = ctx.Sb;
        if (addr == 0) { sb.Append("NULL"); return; }
        switch (name)
        {
            case "stat": FileDecoders.AppendStat(ref ctx, addr); return;
            case "sigset": SignalDecoders.AppendSigsetAt(ref ctx, addr); return;
            case "sigaction": SignalDecoders.AppendSigaction(ref ctx, addr); return;
            case "timespec": if (ctx.Mem.TryRead(addr, out Pair ts)) { AppendTime(sb, ts, "tv_nsec"); return; } break;
            case "timeval": if (ctx.Mem.TryRead(addr, out Pair tv)) { AppendTime(sb, tv, "tv_usec"); return; } break;
            case "itimerspec": if (ctx.Mem.TryRead(addr, out Quad its)) { AppendInterval(sb, its, "tv_nsec"); return; } break;
            case "itimerval": if (ctx.Mem.TryRead(addr, out Quad itv)) { AppendInterval(sb, itv, "tv_usec"); return; } break;
            case "fdpair":
                if (ctx.Mem.TryRead(addr, out ulong fds))
                {
                    sb.Append('[');
                    ValueFormatter.AppendFd(sb, (int)(uint)fds, ctx.Opt);
                    sb.Append(", ");
                    ValueFormatter.AppendFd(sb, (int)(uint)(fds >> 32), ctx.Opt);
                    sb.Append(']');
                    return;
                }
                break;
            case "wstatus": if (ctx.Mem.TryRead(addr, out int status)) { ProcessDecoders.AppendWaitStatus(sb, status); return; } break;
            case "rlimit": if (ctx.Mem.TryRead(addr, out Pair rl)) { ProcessDecoders.AppendRlimit(sb, (ulong)rl.A, (ulong)rl.B); return; } break;
            case "statx": FileDecoders.AppendStatx(ref ctx, addr); return;
            case "dirents": FileDecoders.AppendDirentCount(ref ctx, addr); return;
            case "pollfd": PollDecoders.AppendPollFds(ref ctx, addr, (int)ctx.Arg(1)); return;
            case "msghdr": NetDecoders.AppendMsghdr(ref ctx, addr); return;
            case "epoll_event": PollDecoders.AppendEpollEvents(ref ctx, addr, 1, array: false); return;
            case "epoll_events": PollDecoders.AppendEpollEvents(ref ctx, addr, (int)Math.Max(0, ctx.Ret), array: true); return;
            case "siginfo":
            {
                Span<byte> si = stackalloc byte[SiginfoFormatter.Size];
                if (ctx.Mem.TryReadExact(addr, si))
                {
                    // waitid(WNOHANG) with no child to report zeroes the siginfo: strace prints {}.
                    if (BitConverter.ToInt32(si) == 0) sb.Append("{}");
                    else SiginfoFormatter.Format(sb, si, ctx.Arch);
                    return;
                }
                break;
            }
            case "fdset": PollDecoders.AppendFdSet(ref ctx, addr, (int)ctx.Arg(0)); return;
            case "stack":
                if (ctx.Mem.TryRead(addr, out Triple ss))
                {
                    sb.Append("{ss_sp=");
                    ValueFormatter.AppendPointer(sb, (ulong)ss.A);
                    sb.Append(", ss_flags=");
                    Sysgate.Syscalls.FlagSets.SsFlags.AppendFlags(sb, (uint)ss.B, ctx.Arch);
                    sb.Append(", ss_size=").Append((ulong)ss.C).Append('}');
                    return;
                }
                break;
            case "rusage":
                if (ctx.Mem.TryRead(addr, out Quad ru))
                {
                    // strace without -v: the two times, then "...".
                    sb.Append("{ru_utime=");
                    AppendTime(sb, new Pair(ru.A, ru.B), "tv_usec");
                    sb.Append(", ru_stime=");
                    AppendTime(sb, new Pair(ru.C, ru.D), "tv_usec");
                    sb.Append(", ...}");
                    return;
                }
                break;
            case "utsname": if (AppendUtsname(ref ctx, addr)) return; break;
        }
        ValueFormatter.AppendPointer(sb, addr);
    }

    private static void AppendTime(StringBuilder sb, Pair t, string fraction)
        => sb.Append("{tv_sec=").Append(t.A).Append(", ").Append(fraction).Append('=').Append(t.B).Append('}');

    private static void AppendInterval(StringBuilder sb, Quad q, string fraction)
    {
        sb.Append("{it_interval=");
        AppendTime(sb, new Pair(q.A, q.B), fraction);
        sb.Append(", it_value=");
        AppendTime(sb, new Pair(q.C, q.D), fraction);
        sb.Append('}');
    }

    private static bool AppendUtsname(ref CallContext ctx, ulong addr)
    {
        const int Field = 65;
        Span<byte> buf = stackalloc byte[Field * 2];
        if (!ctx.Mem.TryReadExact(addr, buf)) return false;
        var sb = ctx.Sb;
        sb.Append("{sysname=");
        AppendField(sb, buf[..Field]);
        sb.Append(", nodename=");
        AppendField(sb, buf[Field..]);
        sb.Append(", ...}");
        return true;
    }

    private static void AppendField(StringBuilder sb, ReadOnlySpan<byte> field)
    {
        int nul = field.IndexOf((byte)0);
        StringQuoter.Append(sb, nul >= 0 ? field[..nul] : field, false);
    }

    private readonly record struct Pair(long A, long B);

    private readonly record struct Triple(long A, long B, long C);

    private readonly record struct Quad(long A, long B, long C, long D);
}
