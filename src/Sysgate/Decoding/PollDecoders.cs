using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Decoding;

/// <summary>Readiness calls: poll, ppoll, epoll.</summary>
internal static class PollDecoders
{
    /// <summary>poll: [{fd=0, events=POLLIN}, {fd=1, events=POLLOUT}].</summary>
    public static void AppendPollFds(ref CallContext ctx, ulong addr, int count)
    {
        var sb = ctx.Sb;
        if (count <= 0) { ValueFormatter.AppendPointer(sb, addr); return; }
        int mark = sb.Length;
        sb.Append('[');
        for (int k = 0; k < count; k++)
        {
            if (k > 0) sb.Append(", ");
            if (k >= ctx.Opt.StringLimit) { sb.Append("..."); break; }
            if (!ctx.Mem.TryRead(addr + (ulong)(k * 8), out ulong pfd)) { sb.Length = mark; ValueFormatter.AppendPointer(sb, addr); return; }
            sb.Append("{fd=");
            ValueFormatter.AppendFd(sb, (int)(uint)pfd, ctx.Opt);
            sb.Append(", events=");
            FlagSets.Poll.AppendFlags(sb, (pfd >> 32) & 0xffff, ctx.Arch);
            sb.Append('}');
        }
        sb.Append(']');
    }

    /// <summary>{events=EPOLLIN, data={u32=4, u64=4}}; x86_64 packs struct epoll_event (12 bytes), aarch64 does not (16).</summary>
    public static void AppendEpollEvents(ref CallContext ctx, ulong addr, int count, bool array)
    {
        var sb = ctx.Sb;
        int size = ctx.Arch == Arch.X86_64 ? 12 : 16;
        int mark = sb.Length;
        if (array) sb.Append('[');
        Span<byte> ev = stackalloc byte[16];
        for (int k = 0; k < count; k++)
        {
            if (k > 0) sb.Append(", ");
            if (k >= ctx.Opt.StringLimit) { sb.Append("..."); break; }
            if (!ctx.Mem.TryReadExact(addr + (ulong)(k * size), ev[..size])) { sb.Length = mark; ValueFormatter.AppendPointer(sb, addr); return; }
            ulong data = BitConverter.ToUInt64(ev[(size - 8)..]);
            sb.Append("{events=");
            FlagSets.EpollEvents.AppendFlags(sb, BitConverter.ToUInt32(ev), ctx.Arch);
            sb.Append(", data={u32=").Append((uint)data).Append(", u64=").Append(data).Append("}}");
        }
        if (array) sb.Append(']');
    }

    /// <summary>After poll's count: " ([{fd=4, revents=POLLIN}])", and ppoll's remaining time.</summary>
    public static void AppendPollResult(System.Text.StringBuilder sb, ReadOnlySpan<ulong> args, long ret, ITraceeMemory mem, DecodeOptions opt, bool ppoll)
    {
        if (ret <= 0 || args.Length < 2) return;
        int mark = sb.Length;
        sb.Append(" ([");
        int shown = 0;
        for (int k = 0; k < (int)args[1] && shown < ret; k++)
        {
            if (!mem.TryRead(args[0] + (ulong)(k * 8), out ulong pfd)) { sb.Length = mark; return; }
            ulong revents = pfd >> 48;
            if (revents == 0) continue;
            if (shown++ > 0) sb.Append(", ");
            sb.Append("{fd=").Append((int)(uint)pfd).Append(", revents=");
            FlagSets.Poll.AppendFlags(sb, revents, opt.Arch);
            sb.Append('}');
        }
        sb.Append(']');
        if (ppoll && args.Length > 2 && args[2] != 0 && mem.TryRead(args[2], out ulong sec) && mem.TryRead(args[2] + 8, out ulong nsec))
            sb.Append(", left {tv_sec=").Append((long)sec).Append(", tv_nsec=").Append((long)nsec).Append('}');
        sb.Append(')');
    }

    /// <summary>
    /// After select/pselect6's count: " (in [3], out [4], left {tv_sec=0, tv_nsec=499997716})" with the sets as the
    /// kernel left them (plain numbers even with -y, as strace).
    /// </summary>
    public static void AppendSelectResult(System.Text.StringBuilder sb, ReadOnlySpan<ulong> args, long ret, ITraceeMemory mem, bool timespec)
    {
        if (ret <= 0 || args.Length < 5 || args[0] > 65536) return;
        int nfds = (int)args[0];
        int mark = sb.Length;
        sb.Append(" (");
        bool any = false;
        for (int set = 1; set <= 3; set++)
        {
            if (args[set] == 0) continue;
            int setMark = sb.Length;
            sb.Append(any ? ", " : "").Append(set switch { 1 => "in", 2 => "out", _ => "except" }).Append(" [");
            bool first = true;
            for (int word = 0; word * 64 < nfds; word++)
            {
                if (!mem.TryRead(args[set] + (ulong)(word * 8), out ulong bits)) { sb.Length = mark; return; }
                for (int bit = 0; bit < 64 && word * 64 + bit < nfds; bit++)
                {
                    if ((bits & (1UL << bit)) == 0) continue;
                    if (!first) sb.Append(' ');
                    first = false;
                    sb.Append(word * 64 + bit);
                }
            }
            if (first) { sb.Length = setMark; continue; } // an empty set is not listed
            sb.Append(']');
            any = true;
        }
        if (args[4] != 0 && mem.TryRead(args[4], out ulong sec) && mem.TryRead(args[4] + 8, out ulong frac))
            sb.Append(any ? ", " : "").Append("left {tv_sec=").Append((long)sec).Append(timespec ? ", tv_nsec=" : ", tv_usec=").Append((long)frac).Append('}');
        sb.Append(')');
    }

    /// <summary>select's fd_set as the list of set descriptors below nfds: [3 7].</summary>
    public static void AppendFdSet(ref CallContext ctx, ulong addr, int nfds)
    {
        var sb = ctx.Sb;
        if (nfds <= 0 || nfds > 65536) { ValueFormatter.AppendPointer(sb, addr); return; }
        int mark = sb.Length;
        sb.Append('[');
        bool first = true;
        for (int word = 0; word * 64 < nfds; word++)
        {
            if (!ctx.Mem.TryRead(addr + (ulong)(word * 8), out ulong bits)) { sb.Length = mark; ValueFormatter.AppendPointer(sb, addr); return; }
            for (int bit = 0; bit < 64 && word * 64 + bit < nfds; bit++)
            {
                if ((bits & (1UL << bit)) == 0) continue;
                if (!first) sb.Append(' ');
                first = false;
                ValueFormatter.AppendFd(sb, word * 64 + bit, ctx.Opt);
            }
        }
        sb.Append(']');
    }
}
