using System.Text;
using Sysgate.Syscalls;

namespace Sysgate.Decoding;

/// <summary>
/// Renders system calls the way strace does: <c>openat(AT_FDCWD, "/etc/hostname", O_RDONLY|O_CLOEXEC) = 3</c>.
/// Input arguments are decoded at entry, output arguments (read's buffer, fstat's struct) at exit, so a
/// ptrace tracer calls <see cref="FormatEntering"/> at syscall entry and <see cref="FormatExiting"/> +
/// <see cref="FormatResult(StringBuilder, SyscallInfo, long, ReadOnlySpan{ulong}, DecodeOptions)"/> at exit
/// with the arguments saved at entry. A tracer that never sees the exit (seccomp notify) uses <see cref="FormatCall"/>.
/// </summary>
public static class SyscallFormatter
{
    /// <summary>The whole call without its result; output arguments print as addresses.</summary>
    public static void FormatCall(StringBuilder sb, SyscallInfo info, ReadOnlySpan<ulong> args, ITraceeMemory mem, DecodeOptions opt)
    {
        var ctx = Create(sb, info, args, mem, opt);
        sb.Append(info.Name).Append('(');
        if (CallDecoders.TryAppendWholeArgs(ref ctx)) CallDecoders.AppendWholeArgsRest(ref ctx);
        else AppendArgs(ref ctx, 0, CallDecoders.VisibleArgCount(ref ctx));
        sb.Append(')');
    }

    /// <summary>Entry half: <c>name(</c> and the input arguments before the first output argument.</summary>
    public static void FormatEntering(StringBuilder sb, SyscallInfo info, ReadOnlySpan<ulong> args, ITraceeMemory mem, DecodeOptions opt)
    {
        var ctx = Create(sb, info, args, mem, opt);
        sb.Append(info.Name).Append('(');
        if (CallDecoders.TryAppendWholeArgs(ref ctx)) return;
        int visible = CallDecoders.VisibleArgCount(ref ctx);
        int split = Math.Min(info.FirstOutputArg, visible);
        AppendArgs(ref ctx, 0, split);
        if (split < visible && HasVisible(info, 0, split)) sb.Append(", ");
    }

    /// <summary>Exit half: the remaining arguments (outputs decoded now) and the closing parenthesis.</summary>
    public static void FormatExiting(StringBuilder sb, SyscallInfo info, ReadOnlySpan<ulong> args, long ret, ITraceeMemory mem, DecodeOptions opt)
    {
        var ctx = Create(sb, info, args, mem, opt);
        ctx.Exiting = true;
        ctx.Ret = ret;
        if (CallDecoders.HasWholeArgs(info)) CallDecoders.AppendWholeArgsRest(ref ctx);
        else
        {
            int visible = CallDecoders.VisibleArgCount(ref ctx);
            AppendArgs(ref ctx, Math.Min(info.FirstOutputArg, visible), visible);
        }
        sb.Append(')');
    }

    /// <summary>Entry, exit and result in one go (the tracee memory must still hold the entry-time inputs).</summary>
    public static void Format(StringBuilder sb, SyscallInfo info, ReadOnlySpan<ulong> args, long ret, ITraceeMemory mem, DecodeOptions opt)
    {
        FormatEntering(sb, info, args, mem, opt);
        FormatExiting(sb, info, args, ret, mem, opt);
        FormatResult(sb, info, ret, args, mem, opt);
    }

    /// <summary>Convenience: the complete line as a string.</summary>
    public static string Format(SyscallInfo info, ReadOnlySpan<ulong> args, long ret, ITraceeMemory mem, DecodeOptions? opt = null)
    {
        var sb = new StringBuilder(96);
        Format(sb, info, args, ret, mem, opt ?? DecodeOptions.Default);
        return sb.ToString();
    }

    /// <summary>The result: <c> = 3</c>, <c> = -1 ENOENT (No such file or directory)</c>, <c> = 0x7f...</c>, <c> = ?</c>.</summary>
    public static void FormatResult(StringBuilder sb, SyscallInfo info, long ret, DecodeOptions opt)
        => FormatResult(sb, info, ret, default, opt);

    /// <summary>The result, with the arguments for calls whose result depends on them (fcntl F_GETFL...).</summary>
    public static void FormatResult(StringBuilder sb, SyscallInfo info, long ret, ReadOnlySpan<ulong> args, DecodeOptions opt)
        => FormatResult(sb, info, ret, args, null, opt);

    /// <summary>
    /// The result with details read from the tracee after the call, like poll's
    /// <c> = 1 ([{fd=3, revents=POLLIN}])</c>; <paramref name="mem"/> may be null when unavailable.
    /// </summary>
    public static void FormatResult(StringBuilder sb, SyscallInfo info, long ret, ReadOnlySpan<ulong> args, ITraceeMemory? mem, DecodeOptions opt)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(opt);
        if (AppendError(sb, ret)) return;
        sb.Append(" = ");
        switch (info.Returns)
        {
            case ReturnKind.NoReturn: sb.Append('?'); return;
            case ReturnKind.Address: ValueFormatter.AppendHex(sb, (ulong)ret); return;
            case ReturnKind.Octal: ValueFormatter.AppendOctalMode(sb, (uint)ret); return;
            case ReturnKind.Fd: ValueFormatter.AppendFd(sb, (int)ret, opt); return;
            default:
                if (!CallDecoders.TryAppendResultValue(sb, info, ret, args, opt)) sb.Append(ret);
                CallDecoders.AppendResultDetail(sb, info, ret, args, mem, opt);
                return;
        }
    }

    /// <summary>
    /// A number the table does not know, like strace: <c>syscall_0x3e7(0x1, 0x2, 0x3, 0, 0x7f..., 0x1)</c> with
    /// all six registers in hex. Follow with <see cref="FormatPlainResult"/>.
    /// </summary>
    public static void FormatUnknownCall(StringBuilder sb, int number, ReadOnlySpan<ulong> args)
    {
        ArgumentNullException.ThrowIfNull(sb);
        sb.Append("syscall_0x").Append(((uint)number).ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append('(');
        for (int i = 0; i < Math.Min(args.Length, 6); i++)
        {
            if (i > 0) sb.Append(", ");
            ValueFormatter.AppendHex(sb, args[i]);
        }
        sb.Append(')');
    }

    /// <summary>A result without table knowledge: <c> = 5</c> or <c> = -1 ENOSYS (Function not implemented)</c>.</summary>
    public static void FormatPlainResult(StringBuilder sb, long ret)
    {
        ArgumentNullException.ThrowIfNull(sb);
        if (!AppendError(sb, ret)) sb.Append(" = ").Append(ret);
    }

    private static bool AppendError(StringBuilder sb, long ret)
    {
        if (ret >= 0 || ret < -4095) return false;
        int errno = (int)-ret;
        string? name = ErrnoNames.Name(errno);
        sb.Append(" = ").Append(ErrnoNames.IsKernelInternal(errno) ? "? " : "-1 ");
        if (name is null) sb.Append(errno).Append(" (Unknown error ").Append(errno).Append(')');
        else sb.Append(name).Append(" (").Append(ErrnoNames.Message(errno)).Append(')');
        return true;
    }

    private static CallContext Create(StringBuilder sb, SyscallInfo info, ReadOnlySpan<ulong> args, ITraceeMemory mem, DecodeOptions opt)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(mem);
        ArgumentNullException.ThrowIfNull(opt);
        return new CallContext(sb, info, args, mem, opt);
    }

    private static bool HasVisible(SyscallInfo info, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (info.Args[i].Kind != ArgKind.Skip) return true;
        }
        return false;
    }

    private static void AppendArgs(ref CallContext ctx, int from, int to)
    {
        bool first = true;
        for (int i = from; i < to; i++)
        {
            if (ctx.Info.Args[i].Kind == ArgKind.Skip) continue;
            if (!first) ctx.Sb.Append(", ");
            first = false;
            if (!CallDecoders.TryAppendArg(ref ctx, i)) ArgFormatter.Append(ref ctx, i);
        }
    }
}
