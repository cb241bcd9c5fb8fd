using Sysgate.Syscalls;

namespace Sysgate.Decoding;

/// <summary>futex: which arguments are shown depends on the operation (as strace).</summary>
internal static class SyncDecoders
{
    private const int Wait = 0, Wake = 1, Fd = 2, Requeue = 3, CmpRequeue = 4, WakeOp = 5, LockPi = 6,
        UnlockPi = 7, TrylockPi = 8, WaitBitset = 9, WakeBitset = 10, WaitRequeuePi = 11, CmpRequeuePi = 12, LockPi2 = 13;

    /// <summary>futex(uaddr, op, ...) with the arguments the operation uses.</summary>
    public static void AppendFutexArgs(ref CallContext ctx)
    {
        var sb = ctx.Sb;
        ValueFormatter.AppendPointer(sb, ctx.Arg(0));
        sb.Append(", ");
        FlagSets.FutexOp.AppendFlags(sb, ctx.Arg(1) & 0xffffffff, ctx.Arch);
        int cmd = (int)(ctx.Arg(1) & 0x7f);
        uint val = (uint)ctx.Arg(2);
        switch (cmd)
        {
            case Wait or WaitBitset or WaitRequeuePi:
                sb.Append(", ").Append(val).Append(", ");
                StructDecoders.Append(ref ctx, "timespec", ctx.Arg(3));
                if (cmd == WaitBitset) { sb.Append(", "); AppendBitset(ref ctx, (uint)ctx.Arg(5)); }
                if (cmd == WaitRequeuePi) { sb.Append(", "); ValueFormatter.AppendPointer(sb, ctx.Arg(4)); }
                break;
            case Wake or Fd:
                sb.Append(", ").Append(val);
                break;
            case WakeBitset:
                sb.Append(", ").Append(val).Append(", ");
                AppendBitset(ref ctx, (uint)ctx.Arg(5));
                break;
            case Requeue or CmpRequeue or CmpRequeuePi or WakeOp:
                sb.Append(", ").Append(val).Append(", ").Append((uint)ctx.Arg(3)).Append(", ");
                ValueFormatter.AppendPointer(sb, ctx.Arg(4));
                if (cmd != Requeue) sb.Append(", ").Append((uint)ctx.Arg(5));
                break;
            case LockPi or LockPi2:
                sb.Append(", ");
                StructDecoders.Append(ref ctx, "timespec", ctx.Arg(3));
                break;
            case UnlockPi or TrylockPi:
                break;
            default:
                for (int i = 2; i < 6; i++) { sb.Append(", "); ValueFormatter.AppendHex(sb, ctx.Arg(i)); }
                break;
        }
    }

    private static void AppendBitset(ref CallContext ctx, uint bitset)
    {
        if (bitset == uint.MaxValue) ctx.Sb.Append("FUTEX_BITSET_MATCH_ANY");
        else ValueFormatter.AppendHex(ctx.Sb, bitset);
    }
}
