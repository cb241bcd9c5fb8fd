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
            case "cpuset":
                // sched_setaffinity: cpusetsize bytes; sched_getaffinity: the size the kernel returned.
                if (AppendCpuSet(ref ctx, addr, ctx.Exiting ? ctx.Ret : (long)ctx.Arg(1))) return;
                break;
            case "gids":
                // getgroups: the ids the kernel stored (its result); setgroups: size ids. [0, 4, 24] as strace.
                if (AppendGids(ref ctx, addr, ctx.Exiting ? ctx.Ret : (long)ctx.Arg(0))) return;
                break;
            case "int": if (ctx.Mem.TryRead(addr, out int iv)) { sb.Append('[').Append(iv).Append(']'); return; } break;
            case "sigevent": if (AppendSigevent(ref ctx, addr)) return; break;
            case "utimens": if (AppendUtimens(ref ctx, addr)) return; break;
            case "tms":
                if (ctx.Mem.TryRead(addr, out Quad tms))
                {
                    ValueFormatter.AppendClockTicks(sb.Append("{tms_utime="), tms.A);
                    ValueFormatter.AppendClockTicks(sb.Append(", tms_stime="), tms.B);
                    ValueFormatter.AppendClockTicks(sb.Append(", tms_cutime="), tms.C);
                    ValueFormatter.AppendClockTicks(sb.Append(", tms_cstime="), tms.D);
                    sb.Append('}');
                    return;
                }
                break;
            case "statfs": if (AppendStatfs(ref ctx, addr)) return; break;
            case "sysinfo": if (AppendSysinfo(ref ctx, addr)) return; break;
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

    private static bool AppendGids(ref CallContext ctx, ulong addr, long count)
    {
        var sb = ctx.Sb;
        int mark = sb.Length;
        sb.Append('[');
        for (long k = 0; k < count; k++)
        {
            if (k > 0) sb.Append(", ");
            if (k >= ctx.Opt.StringLimit) { sb.Append("..."); break; }
            if (!ctx.Mem.TryRead(addr + (ulong)(k * 4), out uint gid)) { sb.Length = mark; return false; }
            sb.Append(gid);
        }
        sb.Append(']');
        return true;
    }

    /// <summary>{sigev_signo=SIGALRM, sigev_notify=SIGEV_SIGNAL}: the value only when set, the target by notify kind.</summary>
    private static bool AppendSigevent(ref CallContext ctx, ulong addr)
    {
        const int SigevSignal = 0, SigevNone = 1, SigevThread = 2, SigevThreadId = 4;
        Span<byte> b = stackalloc byte[32];
        if (!ctx.Mem.TryReadExact(addr, b)) return false;
        var sb = ctx.Sb;
        ulong value = BitConverter.ToUInt64(b);
        int signo = BitConverter.ToInt32(b[8..]), notify = BitConverter.ToInt32(b[12..]);
        sb.Append('{');
        if (value != 0)
        {
            sb.Append("sigev_value={sival_int=").Append((int)value).Append(", sival_ptr=");
            ValueFormatter.AppendHex(sb, value);
            sb.Append("}, ");
        }
        sb.Append("sigev_signo=");
        if (notify is SigevSignal or SigevThread or SigevThreadId) SignalDecoders.AppendSignal(sb, signo);
        else sb.Append(signo);
        sb.Append(", sigev_notify=");
        switch (notify)
        {
            case SigevSignal: sb.Append("SIGEV_SIGNAL"); break;
            case SigevNone: sb.Append("SIGEV_NONE"); break;
            case SigevThread:
                sb.Append("SIGEV_THREAD, sigev_notify_function=");
                ValueFormatter.AppendHex(sb, BitConverter.ToUInt64(b[16..]));
                sb.Append(", sigev_notify_attributes=");
                ValueFormatter.AppendHex(sb, BitConverter.ToUInt64(b[24..]));
                break;
            case SigevThreadId: sb.Append("SIGEV_THREAD_ID, sigev_notify_thread_id=").Append(BitConverter.ToInt32(b[16..])); break;
            default: ValueFormatter.AppendHex(sb, (uint)notify); break;
        }
        sb.Append('}');
        return true;
    }

    /// <summary>utimensat's pair: [UTIME_NOW, {tv_sec=1700000000, tv_nsec=123} /* 2023-11-14T22:13:20.000000123+0000 */].</summary>
    private static bool AppendUtimens(ref CallContext ctx, ulong addr)
    {
        const long UtimeNow = (1L << 30) - 1, UtimeOmit = (1L << 30) - 2;
        if (!ctx.Mem.TryRead(addr, out Quad q)) return false;
        var sb = ctx.Sb;
        sb.Append('[');
        for (int k = 0; k < 2; k++)
        {
            if (k > 0) sb.Append(", ");
            long sec = k == 0 ? q.A : q.C, nsec = k == 0 ? q.B : q.D;
            if (nsec == UtimeNow) { sb.Append("UTIME_NOW"); continue; }
            if (nsec == UtimeOmit) { sb.Append("UTIME_OMIT"); continue; }
            AppendTime(sb, new Pair(sec, nsec), "tv_nsec");
            if (sec != 0 || nsec != 0) AppendDateComment(sb, sec, nsec);
        }
        sb.Append(']');
        return true;
    }

    /// <summary>strace's " /* 2023-11-14T22:13:20.000000123+0000 */" in the local time zone (fraction only when nonzero).</summary>
    private static void AppendDateComment(StringBuilder sb, long sec, long nsec)
    {
        if (sec is < -62135596800 or > 253402300799 || nsec is < 0 or >= 1_000_000_000) return;
        var utc = DateTime.UnixEpoch.AddSeconds(sec);
        var offset = TimeZoneInfo.Local.GetUtcOffset(utc);
        var local = utc + offset;
        Span<char> buf = stackalloc char[24];
        local.TryFormat(buf, out int n, "yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        sb.Append(" /* ").Append(buf[..n]);
        if (nsec != 0)
        {
            nsec.TryFormat(buf, out n, "D9", System.Globalization.CultureInfo.InvariantCulture);
            sb.Append('.').Append(buf[..n]);
        }
        int minutes = (int)offset.TotalMinutes;
        sb.Append(minutes < 0 ? '-' : '+');
        minutes = Math.Abs(minutes);
        (minutes / 60 * 100 + minutes % 60).TryFormat(buf, out n, "D4", System.Globalization.CultureInfo.InvariantCulture);
        sb.Append(buf[..n]).Append(" */");
    }

    /// <summary>[0 1]: the numbers of the set CPUs, as strace.</summary>
    private static bool AppendCpuSet(ref CallContext ctx, ulong addr, long size)
    {
        var sb = ctx.Sb;
        int mark = sb.Length;
        sb.Append('[');
        bool first = true;
        for (long off = 0; off + 8 <= Math.Min(size, 1L << 16); off += 8)
        {
            if (!ctx.Mem.TryRead(addr + (ulong)off, out ulong word)) { sb.Length = mark; return false; }
            for (; word != 0; word &= word - 1)
            {
                if (!first) sb.Append(' ');
                first = false;
                sb.Append(off * 8 + System.Numerics.BitOperations.TrailingZeroCount(word));
            }
        }
        sb.Append(']');
        return true;
    }

    /// <summary>struct statfs (64-bit layout), all fields as strace prints them without -v.</summary>
    private static bool AppendStatfs(ref CallContext ctx, ulong addr)
    {
        Span<byte> b = stackalloc byte[88];
        if (!ctx.Mem.TryReadExact(addr, b)) return false;
        var sb = ctx.Sb;
        sb.Append("{f_type=");
        Sysgate.Syscalls.FlagSets.Fsmagic.AppendEnum(sb, BitConverter.ToInt64(b), ctx.Arch);
        sb.Append(", f_bsize=").Append(BitConverter.ToInt64(b[8..])).Append(", f_blocks=").Append(BitConverter.ToUInt64(b[16..]))
          .Append(", f_bfree=").Append(BitConverter.ToUInt64(b[24..])).Append(", f_bavail=").Append(BitConverter.ToUInt64(b[32..]))
          .Append(", f_files=").Append(BitConverter.ToUInt64(b[40..])).Append(", f_ffree=").Append(BitConverter.ToUInt64(b[48..]))
          .Append(", f_fsid={val=[");
        ValueFormatter.AppendHex(sb, BitConverter.ToUInt32(b[56..]));
        sb.Append(", ");
        ValueFormatter.AppendHex(sb, BitConverter.ToUInt32(b[60..]));
        sb.Append("]}, f_namelen=").Append(BitConverter.ToInt64(b[64..])).Append(", f_frsize=").Append(BitConverter.ToInt64(b[72..]))
          .Append(", f_flags=");
        Sysgate.Syscalls.FlagSets.StatfsFlags.AppendFlags(sb, BitConverter.ToUInt64(b[80..]), ctx.Arch);
        sb.Append('}');
        return true;
    }

    /// <summary>struct sysinfo (64-bit layout), every field as strace prints it even without -v.</summary>
    private static bool AppendSysinfo(ref CallContext ctx, ulong addr)
    {
        Span<byte> b = stackalloc byte[112];
        if (!ctx.Mem.TryReadExact(addr, b)) return false;
        var sb = ctx.Sb;
        sb.Append("{uptime=").Append(BitConverter.ToInt64(b)).Append(", loads=[").Append(BitConverter.ToUInt64(b[8..]))
          .Append(", ").Append(BitConverter.ToUInt64(b[16..])).Append(", ").Append(BitConverter.ToUInt64(b[24..]))
          .Append("], totalram=").Append(BitConverter.ToUInt64(b[32..])).Append(", freeram=").Append(BitConverter.ToUInt64(b[40..]))
          .Append(", sharedram=").Append(BitConverter.ToUInt64(b[48..])).Append(", bufferram=").Append(BitConverter.ToUInt64(b[56..]))
          .Append(", totalswap=").Append(BitConverter.ToUInt64(b[64..])).Append(", freeswap=").Append(BitConverter.ToUInt64(b[72..]))
          .Append(", procs=").Append(BitConverter.ToUInt16(b[80..])).Append(", totalhigh=").Append(BitConverter.ToUInt64(b[88..]))
          .Append(", freehigh=").Append(BitConverter.ToUInt64(b[96..])).Append(", mem_unit=").Append(BitConverter.ToUInt32(b[104..])).Append('}');
        return true;
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
