using System.Text;
using Sysgate.Syscalls;

namespace Sysgate.Decoding;

/// <summary>
/// The few calls whose rendering depends on other argument values (strace's per-syscall decoders):
/// open's mode only with O_CREAT, fcntl's third argument by command, socket's protocol by domain, clone's
/// named arguments. Everything else is rendered from the table alone.
/// </summary>
internal static class CallDecoders
{
    /// <summary>True for calls rendered by a whole-argument-list decoder.</summary>
    public static bool HasWholeArgs(SyscallInfo info) => info.Name is "clone" or "futex" or "clone3";

    /// <summary>The entry part of a whole-argument-list decoder; false for table-driven calls.</summary>
    public static bool TryAppendWholeArgs(ref CallContext ctx)
    {
        switch (ctx.Info.Name)
        {
            case "clone": ProcessDecoders.AppendCloneArgs(ref ctx); return true;
            case "futex": SyncDecoders.AppendFutexArgs(ref ctx); return true;
            case "clone3": ProcessDecoders.AppendClone3Args(ref ctx); return true;
            default: return false;
        }
    }

    /// <summary>What a whole-argument-list decoder prints after the entry part (at exit, or at once without exit).</summary>
    public static void AppendWholeArgsRest(ref CallContext ctx)
    {
        if (ctx.Info.Name == "clone3") ProcessDecoders.AppendClone3Rest(ref ctx);
    }

    /// <summary>How many arguments strace shows (it hides ones the call ignores).</summary>
    public static int VisibleArgCount(ref CallContext ctx) => ctx.Info.Name switch
    {
        "open" or "mq_open" => FileDecoders.OpenTakesMode(ctx.Arg(1), ctx.Arch) ? ctx.Info.Args.Count : 2,
        "openat" => FileDecoders.OpenTakesMode(ctx.Arg(2), ctx.Arch) ? 4 : 3,
        "fcntl" => FileDecoders.FcntlArgCount((int)ctx.Arg(1)),
        "prctl" => ProcessDecoders.PrctlArgCount((int)ctx.Arg(0)),
        "mremap" => MemoryDecoders.MremapArgCount(ctx.Arg(3)),
        "ioctl" => IoctlDecoders.ArgCount((uint)ctx.Arg(1)),
        "mknod" => FileDecoders.MknodTakesDev(ctx.Arg(1)) ? 3 : 2,
        "mknodat" => FileDecoders.MknodTakesDev(ctx.Arg(2)) ? 4 : 3,
        _ => ctx.Info.Args.Count,
    };

    /// <summary>Argument renderings that depend on another argument; false = use the table's kind.</summary>
    public static bool TryAppendArg(ref CallContext ctx, int i)
    {
        switch (ctx.Info.Name)
        {
            case "socket" or "socketpair" when i == 2:
                NetDecoders.AppendProtocol(ctx.Sb, (int)ctx.Arg(0), (int)ctx.Arg(2), ctx.Arch);
                return true;
            case "setsockopt" or "getsockopt" when i == 2:
                NetDecoders.AppendSockOptName(ctx.Sb, (int)ctx.Arg(1), (int)ctx.Arg(2), ctx.Arch);
                return true;
            case "setsockopt" when i == 3:
                NetDecoders.AppendSockOptValue(ref ctx, ctx.Arg(3), (uint)ctx.Arg(4));
                return true;
            case "getsockopt" when i == 3 && ctx.OutputReady && ctx.Mem.TryRead(ctx.Arg(4), out int optlen):
                NetDecoders.AppendSockOptValue(ref ctx, ctx.Arg(3), (ulong)Math.Max(0, optlen));
                return true;
            case "ioctl" when i == 1:
                IoctlDecoders.AppendRequest(ctx.Sb, (uint)ctx.Arg(1), ctx.Arch);
                return true;
            case "ioctl" when i == 2:
                IoctlDecoders.AppendArg(ref ctx, ctx.Arg(2));
                return true;
            case "fcntl" when i == 2:
                FileDecoders.AppendFcntlArg(ref ctx);
                return true;
            case "getrandom" when i == 0 && ctx.OutputReady:
                // strace prints random bytes in hex whatever -x says.
                ValueFormatter.AppendBuffer(ctx.Sb, ctx.Mem, ctx.Arg(0), Math.Min((ulong)ctx.Ret, ctx.Arg(1)), ctx.Opt.StringLimit, StringStyle.HexAll);
                return true;
            case "wait4" when (i is 1 or 3) && ctx.Exiting && ctx.Ret <= 0:
                // WNOHANG with no child ready (0) wrote nothing: strace shows the pointers.
                ValueFormatter.AppendPointer(ctx.Sb, ctx.Arg(i));
                return true;
            case "nanosleep" when i == 1 && ctx.Exiting:
                AppendRemainingTime(ref ctx, 1, interrupted: IsRestart(ctx.Ret));
                return true;
            case "clock_nanosleep" when i == 3 && ctx.Exiting:
                AppendRemainingTime(ref ctx, 3, interrupted: IsRestart(ctx.Ret) && ctx.Arg(1) == 0);
                return true;
            case "mknod" when i == 1:
            case "mknodat" when i == 2:
                ValueFormatter.AppendMode(ctx.Sb, (uint)ctx.Arg(i), ctx.Arch);
                return true;
            case "mknod" when i == 2:
            case "mknodat" when i == 3:
                FileDecoders.AppendMakedev(ctx.Sb, ctx.Arg(i));
                return true;
            case "prctl" when i == 1:
                return ProcessDecoders.TryAppendPrctlArg(ref ctx);
            case "rt_sigaction" when i is 1 or 2:
                if (i == 2 && !ctx.OutputReady) return false;
                SignalDecoders.AppendSigaction(ref ctx, ctx.Arg(i));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The remaining time of nanosleep/clock_nanosleep means something only when a signal cut the sleep short
    /// (the tracer sees ERESTART_RESTARTBLOCK/ERESTARTNOHAND, not EINTR) and, for clock_nanosleep, the sleep was
    /// relative; otherwise the kernel did not write it and strace prints the pointer.
    /// </summary>
    private static void AppendRemainingTime(ref CallContext ctx, int i, bool interrupted)
    {
        if (interrupted) StructDecoders.Append(ref ctx, "timespec", ctx.Arg(i));
        else ValueFormatter.AppendPointer(ctx.Sb, ctx.Arg(i));
    }

    /// <summary>strace's is_erestart: ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK.</summary>
    private static bool IsRestart(long ret) => ret is >= -516 and <= -512 and not -515;

    /// <summary>Return values rendered other than in decimal (fcntl F_GETFL's hex and flags); false = decimal.</summary>
    public static bool TryAppendResultValue(StringBuilder sb, SyscallInfo info, long ret, ReadOnlySpan<ulong> args, DecodeOptions opt)
        => info.Name == "fcntl" && args.Length > 1 && FileDecoders.TryAppendFcntlResult(sb, (int)args[1], ret, opt);

    /// <summary>Details after a successful plain return value (fcntl F_GETFL's flags).</summary>
    public static void AppendResultDetail(StringBuilder sb, SyscallInfo info, long ret, ReadOnlySpan<ulong> args, ITraceeMemory? mem, DecodeOptions opt)
    {
        switch (info.Name)
        {
            case "rt_sigtimedwait" when ret > 0:
                sb.Append(" (");
                SignalDecoders.AppendSignal(sb, (int)ret);
                sb.Append(')');
                break;
            case "poll" or "ppoll" or "select" or "pselect6" when ret == 0:
                sb.Append(" (Timeout)");
                break;
            case "poll" or "ppoll" when mem is not null: PollDecoders.AppendPollResult(sb, args, ret, mem, opt, info.Name == "ppoll"); break;
            case "select" or "pselect6" when mem is not null: PollDecoders.AppendSelectResult(sb, args, ret, mem, info.Name == "pselect6"); break;
        }
    }
}
