using System.Text;
using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Decoding;

/// <summary>Process calls: clone's named arguments, execve's argv/envp, wait status, rlimits.</summary>
internal static class ProcessDecoders
{
    private const ulong CloneParentSettid = 0x00100000, CloneChildCleartid = 0x00200000,
        CloneChildSettid = 0x01000000, CloneSettls = 0x00080000, ClonePidfd = 0x1000;

    /// <summary>clone(child_stack=NULL, flags=CLONE_...|SIGCHLD, child_tidptr=0x...), arg order per arch.</summary>
    public static void AppendCloneArgs(ref CallContext ctx)
    {
        var sb = ctx.Sb;
        ulong flags = ctx.Arg(0);
        // x86_64: flags, stack, parent_tid, child_tid, tls; aarch64 (CLONE_BACKWARDS): flags, stack, parent_tid, tls, child_tid.
        ulong ctid = ctx.Arch == Arch.X86_64 ? ctx.Arg(3) : ctx.Arg(4);
        ulong tls = ctx.Arch == Arch.X86_64 ? ctx.Arg(4) : ctx.Arg(3);
        sb.Append("child_stack=");
        ValueFormatter.AppendPointer(sb, ctx.Arg(1));
        sb.Append(", flags=");
        AppendCloneFlags(sb, flags, ctx.Arch);
        if ((flags & (CloneParentSettid | ClonePidfd)) != 0) { sb.Append(", parent_tid="); ValueFormatter.AppendPointer(sb, ctx.Arg(2)); }
        if ((flags & (CloneChildSettid | CloneChildCleartid)) != 0) { sb.Append(", child_tidptr="); ValueFormatter.AppendPointer(sb, ctid); }
        if ((flags & CloneSettls) != 0) { sb.Append(", tls="); ValueFormatter.AppendPointer(sb, tls); }
    }

    /// <summary>clone flags: the CLONE_* bits, then the exit signal held in the low byte.</summary>
    public static void AppendCloneFlags(StringBuilder sb, ulong flags, Arch arch)
    {
        ulong bits = flags & ~0xffUL & 0xffffffff;
        int sig = (int)(flags & 0xff);
        if (bits != 0) FlagSets.Clone.AppendFlags(sb, bits, arch);
        if (sig != 0)
        {
            if (bits != 0) sb.Append('|');
            SignalDecoders.AppendSignal(sb, sig);
        }
        else if (bits == 0) sb.Append('0');
    }

    /// <summary>["/bin/true", "a b"]: each string cut at -s, at most -s elements.</summary>
    public static void AppendStringArray(ref CallContext ctx, ulong addr)
    {
        var sb = ctx.Sb;
        if (addr == 0) { sb.Append("NULL"); return; }
        int mark = sb.Length;
        sb.Append('[');
        var elements = new PointerArrayReader(ctx.Mem, addr, stackalloc ulong[32]);
        for (int i = 0; ; i++)
        {
            if (!elements.TryNext(out ulong p))
            {
                sb.Length = mark;
                ValueFormatter.AppendPointer(sb, addr);
                return;
            }
            if (p == 0) break;
            if (i > 0) sb.Append(", ");
            if (i >= ctx.Opt.StringLimit) { sb.Append("..."); break; }
            ValueFormatter.AppendCString(sb, ctx.Mem, p, ctx.Opt.StringLimit, ctx.Opt.StringStyle);
        }
        sb.Append(']');
    }

    /// <summary>0x7ffd... /* 20 vars */, like strace without -v.</summary>
    public static void AppendEnvArray(ref CallContext ctx, ulong addr)
    {
        var sb = ctx.Sb;
        ValueFormatter.AppendPointer(sb, addr);
        if (addr == 0) return;
        int count = 0;
        var elements = new PointerArrayReader(ctx.Mem, addr, stackalloc ulong[64]);
        while (count < 65536 && elements.TryNext(out ulong p) && p != 0) count++;
        sb.Append(" /* ").Append(count).Append(count == 1 ? " var */" : " vars */");
    }

    /// <summary>[{WIFEXITED(s) &amp;&amp; WEXITSTATUS(s) == 3}] and the other wait(2) cases.</summary>
    public static void AppendWaitStatus(StringBuilder sb, int s)
    {
        sb.Append("[{");
        if ((s & 0x7f) == 0)
            sb.Append("WIFEXITED(s) && WEXITSTATUS(s) == ").Append((s >> 8) & 0xff);
        else if ((s & 0xff) == 0x7f)
        {
            sb.Append("WIFSTOPPED(s) && WSTOPSIG(s) == ");
            SignalDecoders.AppendSignal(sb, (s >> 8) & 0xff);
            if ((s >> 16) != 0) sb.Append(" && s>>16 == ").Append(s >> 16);
        }
        else if (s == 0xffff)
            sb.Append("WIFCONTINUED(s)");
        else
        {
            sb.Append("WIFSIGNALED(s) && WTERMSIG(s) == ");
            SignalDecoders.AppendSignal(sb, s & 0x7f);
            if ((s & 0x80) != 0) sb.Append(" && WCOREDUMP(s)");
        }
        sb.Append("}]");
    }

    /// <summary>{rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}.</summary>
    public static void AppendRlimit(StringBuilder sb, ulong cur, ulong max)
    {
        sb.Append("{rlim_cur=");
        AppendRlimValue(sb, cur);
        sb.Append(", rlim_max=");
        AppendRlimValue(sb, max);
        sb.Append('}');
    }

    private static void AppendRlimValue(StringBuilder sb, ulong v)
    {
        if (v == ulong.MaxValue) sb.Append("RLIM64_INFINITY");
        else if (v > 0 && v % 1024 == 0) sb.Append(v / 1024).Append("*1024");
        else sb.Append(v);
    }

    private const int PrSetPdeathsig = 1, PrGetPdeathsig = 2, PrGetDumpable = 3, PrSetDumpable = 4, PrGetKeepcaps = 7,
        PrSetKeepcaps = 8, PrSetName = 15, PrGetName = 16, PrGetSeccomp = 21, PrCapbsetRead = 23, PrCapbsetDrop = 24,
        PrSetTimerslack = 29, PrGetTimerslack = 30, PrSetChildSubreaper = 36, PrGetNoNewPrivs = 39;

    /// <summary>prctl shows only the arguments the option uses (all five when unsure).</summary>
    public static int PrctlArgCount(int option) => option switch
    {
        PrGetDumpable or PrGetKeepcaps or PrGetSeccomp or PrGetTimerslack or PrGetNoNewPrivs => 1,
        PrSetPdeathsig or PrGetPdeathsig or PrSetDumpable or PrSetKeepcaps or PrSetName or PrGetName or PrCapbsetRead
            or PrCapbsetDrop or PrSetTimerslack or PrSetChildSubreaper => 2,
        _ => 5,
    };

    /// <summary>prctl's second argument for options where it is a string or a signal.</summary>
    public static bool TryAppendPrctlArg(ref CallContext ctx)
    {
        ulong arg = ctx.Arg(1);
        switch ((int)ctx.Arg(0))
        {
            case PrSetName: ValueFormatter.AppendCString(ctx.Sb, ctx.Mem, arg, 16); return true;
            case PrSetPdeathsig: SignalDecoders.AppendSignal(ctx.Sb, (int)arg); return true;
            default: return false;
        }
    }

    /// <summary>clone3's struct clone_args, showing the fields the flags make relevant (as strace).</summary>
    public static void AppendClone3Args(ref CallContext ctx)
    {
        var sb = ctx.Sb;
        ulong addr = ctx.Arg(0);
        if (!ctx.Mem.TryRead(addr, out CloneArgs a)) { ValueFormatter.AppendPointer(sb, addr); return; }
        sb.Append("{flags=");
        FlagSets.Clone.AppendFlags(sb, a.Flags, ctx.Arch);
        if ((a.Flags & ClonePidfd) != 0) { sb.Append(", pidfd="); ValueFormatter.AppendPointer(sb, a.Pidfd); }
        if ((a.Flags & (CloneChildSettid | CloneChildCleartid)) != 0) { sb.Append(", child_tid="); ValueFormatter.AppendPointer(sb, a.ChildTid); }
        if ((a.Flags & CloneParentSettid) != 0) { sb.Append(", parent_tid="); ValueFormatter.AppendPointer(sb, a.ParentTid); }
        sb.Append(", exit_signal=");
        SignalDecoders.AppendSignal(sb, (int)a.ExitSignal);
        sb.Append(", stack=");
        ValueFormatter.AppendPointer(sb, a.Stack);
        sb.Append(", stack_size=");
        ValueFormatter.AppendHex(sb, a.StackSize);
        if ((a.Flags & CloneSettls) != 0) { sb.Append(", tls="); ValueFormatter.AppendPointer(sb, a.Tls); }
        sb.Append('}');
    }

    /// <summary>After clone_args: at exit " => {parent_tid=[1234]}" when the kernel stored it; then the size.</summary>
    public static void AppendClone3Rest(ref CallContext ctx)
    {
        var sb = ctx.Sb;
        if (ctx.OutputReady && ctx.Mem.TryRead(ctx.Arg(0), out CloneArgs a) && (a.Flags & CloneParentSettid) != 0
            && ctx.Mem.TryRead(a.ParentTid, out int tid))
            sb.Append(" => {parent_tid=[").Append(tid).Append("]}");
        sb.Append(", ").Append(ctx.Arg(1));
    }

    /// <summary>struct clone_args (the fields up to tls; later ones are optional by size).</summary>
    private readonly record struct CloneArgs(ulong Flags, ulong Pidfd, ulong ChildTid, ulong ParentTid, ulong ExitSignal,
        ulong Stack, ulong StackSize, ulong Tls);
}
