namespace Sysgate.Decoding;

/// <summary>iovec arrays: [{iov_base="hello", iov_len=5}, ...]; output vectors show only what the kernel filled.</summary>
internal static class IoVecDecoder
{
    public static void Append(ref CallContext ctx, int i)
    {
        var spec = ctx.Info.Args[i];
        ulong remaining = spec.IsOutput ? (ulong)Math.Max(0, ctx.Ret) : ulong.MaxValue;
        AppendVector(ref ctx, ctx.Arg(i), (int)ctx.Arg(spec.LengthArg), remaining);
    }

    /// <summary>An iovec array of <paramref name="count"/> entries showing at most <paramref name="remaining"/> bytes in total.</summary>
    public static void AppendVector(ref CallContext ctx, ulong addr, long count, ulong remaining)
    {
        var sb = ctx.Sb;
        if (addr == 0 || count <= 0) { ValueFormatter.AppendPointer(sb, addr); return; }
        int mark = sb.Length;
        sb.Append('[');
        for (long k = 0; k < count; k++)
        {
            if (k > 0) sb.Append(", ");
            if (k >= ctx.Opt.StringLimit) { sb.Append("..."); break; }
            if (!ctx.Mem.TryRead(addr + (ulong)(k * 16), out IoVec v))
            {
                sb.Length = mark;
                ValueFormatter.AppendPointer(sb, addr);
                return;
            }
            ulong shown = Math.Min(v.Len, remaining);
            remaining -= shown;
            sb.Append("{iov_base=");
            ValueFormatter.AppendBuffer(sb, ctx.Mem, v.Base, shown, ctx.Opt.StringLimit, ctx.Opt.StringStyle);
            sb.Append(", iov_len=").Append(v.Len).Append('}');
        }
        sb.Append(']');
    }

    private readonly record struct IoVec(ulong Base, ulong Len);
}
