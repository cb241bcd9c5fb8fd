using System.Numerics;
using System.Text;
using Sysgate.Syscalls;

namespace Sysgate.Decoding;

/// <summary>Signals: numbers, sigset_t, struct sigaction (kernel layout, same on x86_64 and aarch64).</summary>
internal static class SignalDecoders
{
    private const int SigRtMin = 32;
    private const int NSig = 64;

    /// <summary>SIGTERM; SIGRTMIN, SIGRT_1...; 0 and unknown numbers in decimal.</summary>
    public static void AppendSignal(StringBuilder sb, int sig)
    {
        if (sig > SigRtMin && sig <= NSig) sb.Append("SIGRT_").Append(sig - SigRtMin); // no string allocation
        else if (SignalNames.Name(sig) is { } name) sb.Append(name);
        else sb.Append(sig);
    }

    /// <summary>[INT TERM], or ~[...] listing the clear signals when more than half are set (like strace).</summary>
    public static void AppendSigset(StringBuilder sb, ulong set)
    {
        bool invert = BitOperations.PopCount(set) > NSig / 2;
        if (invert) { sb.Append('~'); set = ~set; }
        sb.Append('[');
        bool first = true;
        for (int sig = 1; sig <= NSig; sig++)
        {
            if ((set & (1UL << (sig - 1))) == 0) continue;
            if (!first) sb.Append(' ');
            first = false;
            int start = sb.Length;
            AppendSignal(sb, sig);
            if (sb.Length - start > 3 && sb[start] == 'S' && sb[start + 1] == 'I' && sb[start + 2] == 'G') sb.Remove(start, 3);
        }
        sb.Append(']');
    }

    public static void AppendSigsetAt(ref CallContext ctx, ulong addr)
    {
        if (addr == 0) { ctx.Sb.Append("NULL"); return; }
        if (!ctx.Mem.TryRead(addr, out ulong set)) { ValueFormatter.AppendPointer(ctx.Sb, addr); return; }
        AppendSigset(ctx.Sb, set);
    }

    /// <summary>{sa_handler=..., sa_mask=[...], sa_flags=..., sa_restorer=...}.</summary>
    public static void AppendSigaction(ref CallContext ctx, ulong addr)
    {
        var sb = ctx.Sb;
        if (addr == 0) { sb.Append("NULL"); return; }
        if (!ctx.Mem.TryRead(addr, out KernelSigaction sa)) { ValueFormatter.AppendPointer(sb, addr); return; }
        sb.Append("{sa_handler=");
        switch (sa.Handler)
        {
            case 0: sb.Append("SIG_DFL"); break;
            case 1: sb.Append("SIG_IGN"); break;
            default: ValueFormatter.AppendPointer(sb, sa.Handler); break;
        }
        sb.Append(", sa_mask=");
        AppendSigset(sb, sa.Mask);
        sb.Append(", sa_flags=");
        // sa_flags is an unsigned long: strace shows stray high bits too (dd sets them: |0xffffffff00000000).
        FlagSets.SaFlags.AppendFlags(sb, sa.Flags, ctx.Arch);
        const ulong SaRestorer = 0x04000000;
        if ((sa.Flags & SaRestorer) != 0)
        {
            sb.Append(", sa_restorer=");
            ValueFormatter.AppendPointer(sb, sa.Restorer);
        }
        sb.Append('}');
    }

    /// <summary>The kernel's struct sigaction (not glibc's): handler, flags, restorer, mask.</summary>
    private readonly record struct KernelSigaction(ulong Handler, ulong Flags, ulong Restorer, ulong Mask);
}
