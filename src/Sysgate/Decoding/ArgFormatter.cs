using Sysgate.Syscalls;

namespace Sysgate.Decoding;

/// <summary>Renders one argument from its <see cref="ArgKind"/> (the table-driven default path).</summary>
internal static class ArgFormatter
{
    public static void Append(ref CallContext ctx, int i)
    {
        var spec = ctx.Info.Args[i];
        ulong v = ctx.Arg(i);
        var sb = ctx.Sb;
        if (spec.IsOutput && !ctx.OutputReady)
        {
            // Not returned yet, or failed: the kernel wrote nothing worth showing (strace prints the address).
            ValueFormatter.AppendPointer(sb, v);
            return;
        }
        switch (spec.Kind)
        {
            case ArgKind.Int: sb.Append((int)v); break;
            case ArgKind.UInt: sb.Append((uint)v); break;
            case ArgKind.Long: case ArgKind.Offset: sb.Append((long)v); break;
            case ArgKind.ULong: case ArgKind.Size: sb.Append(v); break;
            case ArgKind.Hex: ValueFormatter.AppendHex(sb, v); break;
            case ArgKind.Pointer: AppendPointerArg(ref ctx, i, v); break;
            case ArgKind.Fd: ValueFormatter.AppendFd(sb, (int)v, ctx.Opt); break;
            case ArgKind.DirFd: ValueFormatter.AppendDirFd(sb, (int)v, ctx.Opt); break;
            case ArgKind.Path: ValueFormatter.AppendCString(sb, ctx.Mem, v, -1, ctx.Opt.StringStyle); break;
            case ArgKind.String: ValueFormatter.AppendCString(sb, ctx.Mem, v, ctx.Opt.StringLimit, ctx.Opt.StringStyle); break;
            // open/chmod/mkdir modes are numeric umode_t in strace (%#03o), whatever bits are set; mknod is symbolic (CallDecoders).
            case ArgKind.Mode: ValueFormatter.AppendOctalMode(sb, (ushort)v); break; // umode_t
            case ArgKind.Uid: case ArgKind.Gid: case ArgKind.Pid: sb.Append((int)v); break;
            case ArgKind.Signal: SignalDecoders.AppendSignal(sb, (int)v); break;
            case ArgKind.StringArray: ProcessDecoders.AppendStringArray(ref ctx, v); break;
            case ArgKind.EnvArray: ProcessDecoders.AppendEnvArray(ref ctx, v); break;
            case ArgKind.InBuffer:
                ValueFormatter.AppendBuffer(sb, ctx.Mem, v, ctx.Arg(spec.LengthArg), ctx.Opt.StringLimit, ctx.Opt.StringStyle);
                break;
            case ArgKind.OutBuffer:
                ValueFormatter.AppendBuffer(sb, ctx.Mem, v, OutLength(ref ctx, spec), ctx.Opt.StringLimit, ctx.Opt.StringStyle);
                break;
            case ArgKind.OutString: ValueFormatter.AppendCString(sb, ctx.Mem, v, -1, ctx.Opt.StringStyle); break;
            case ArgKind.IoVec: case ArgKind.OutIoVec: IoVecDecoder.Append(ref ctx, i); break;
            case ArgKind.SockAddr: NetDecoders.AppendSockAddr(ref ctx, v, ctx.Arg(spec.LengthArg)); break;
            case ArgKind.OutSockAddr:
                if (v == 0 || !ctx.Mem.TryRead(ctx.Arg(spec.LengthArg), out int len)) ValueFormatter.AppendPointer(sb, v);
                else NetDecoders.AppendSockAddr(ref ctx, v, (ulong)Math.Max(0, len));
                break;
            case ArgKind.Flags: spec.Set!.AppendFlags(sb, v & 0xffffffff, ctx.Arch); break;
            case ArgKind.Enum: spec.Set!.AppendEnum(sb, (int)v, ctx.Arch); break;
            case ArgKind.StructPtr: case ArgKind.OutStructPtr: StructDecoders.Append(ref ctx, spec.StructName!, v); break;
            default: ValueFormatter.AppendHex(sb, v); break;
        }
    }

    /// <summary>How much of an output buffer the kernel filled: the return value, capped by the capacity.</summary>
    private static ulong OutLength(ref CallContext ctx, ArgSpec spec)
    {
        ulong capacity = ctx.Arg(spec.LengthArg);
        if (ctx.Info.Args[spec.LengthArg].Kind == ArgKind.Pointer)
            return ctx.Mem.TryRead(capacity, out int len) && len > 0 ? (ulong)len : 0;
        return ctx.Ret >= 0 ? Math.Min((ulong)ctx.Ret, capacity) : 0;
    }

    /// <summary>
    /// A plain pointer; when it is the socklen_t* of an address argument, its value at exit: [16]. A failed call
    /// left the caller's value there, which strace shows too (getpeername(4, 0x7ffd..., [16]) = -1 ENOTCONN).
    /// </summary>
    private static void AppendPointerArg(ref CallContext ctx, int i, ulong v)
    {
        if (v != 0 && ctx.Exiting)
        {
            foreach (var a in ctx.Info.Args)
            {
                if (a.LengthArg == i && a.Kind is ArgKind.OutSockAddr or ArgKind.OutBuffer && ctx.Mem.TryRead(v, out int len))
                {
                    ctx.Sb.Append('[').Append(len).Append(']');
                    return;
                }
            }
        }
        ValueFormatter.AppendPointer(ctx.Sb, v);
    }
}
