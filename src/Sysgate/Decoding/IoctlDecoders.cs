using System.Text;
using Sysgate.Syscalls;

namespace Sysgate.Decoding;

/// <summary>
/// ioctl: the request by name (or strace's <c>_IOC(dir, type, nr, size)</c> breakdown) and the argument for
/// the common terminal/fd requests. The argument is decoded at exit (the table marks it as output) so
/// "get" requests show what the kernel wrote; a failed call shows the address, like strace.
/// </summary>
internal static class IoctlDecoders
{
    private const uint Fioclex = 0x5451, Fionclex = 0x5450, Tiocnotty = 0x5422, Tiocexcl = 0x540c, Tiocnxcl = 0x540d,
        Tiocgwinsz = 0x5413, Tiocswinsz = 0x5414, Fionread = 0x541b, Fionbio = 0x5421, Tiocgpgrp = 0x540f,
        Tiocspgrp = 0x5410, Tiocgsid = 0x5429, Fioasync = 0x5452, Tiocgptn = 0x80045430, Tiocsptlck = 0x40045431,
        Ficlone = 0x40049409, Tcgets = 0x5401, Tcsets = 0x5402, Tcsetsw = 0x5403, Tcsetsf = 0x5404;

    /// <summary>Requests without an argument print two arguments.</summary>
    public static int ArgCount(uint request) => request is Fioclex or Fionclex or Tiocnotty or Tiocexcl or Tiocnxcl ? 2 : 3;

    /// <summary>TCGETS by name; unknown numbers as _IOC(_IOC_READ, 0x54, 0x1, 0x4).</summary>
    public static void AppendRequest(StringBuilder sb, uint request, Sysgate.Native.Arch arch)
    {
        if (FlagSets.Ioctl.NameOf((int)request, arch) is { } name) { sb.Append(name); return; }
        uint dir = request >> 30, size = (request >> 16) & 0x3fff, type = (request >> 8) & 0xff, nr = request & 0xff;
        sb.Append("_IOC(").Append(dir switch
        {
            0 => "_IOC_NONE",
            1 => "_IOC_WRITE",
            2 => "_IOC_READ",
            _ => "_IOC_READ|_IOC_WRITE",
        }).Append(", ");
        ValueFormatter.AppendHex(sb, type);
        sb.Append(", ");
        ValueFormatter.AppendHex(sb, nr);
        sb.Append(", ");
        ValueFormatter.AppendHex(sb, size);
        sb.Append(')');
    }

    /// <summary>struct termios as strace without -v: the four flag words, then "...".</summary>
    private static bool AppendTermios(ref CallContext ctx, ulong addr)
    {
        Span<byte> t = stackalloc byte[16];
        if (addr == 0 || !ctx.Mem.TryReadExact(addr, t)) return false;
        var sb = ctx.Sb;
        sb.Append("{c_iflag=");
        FlagSets.TermIflag.AppendFlags(sb, BitConverter.ToUInt32(t), ctx.Arch);
        sb.Append(", c_oflag=");
        FlagSets.TermOflag.AppendFlags(sb, BitConverter.ToUInt32(t[4..]), ctx.Arch);
        sb.Append(", c_cflag=");
        FlagSets.TermCflag.AppendFlags(sb, BitConverter.ToUInt32(t[8..]), ctx.Arch);
        sb.Append(", c_lflag=");
        FlagSets.TermLflag.AppendFlags(sb, BitConverter.ToUInt32(t[12..]), ctx.Arch);
        sb.Append(", ...}");
        return true;
    }

    /// <summary>The third argument: {ws_row=...} for window sizes, [n] for int-valued requests, else the raw value.</summary>
    public static void AppendArg(ref CallContext ctx, ulong arg)
    {
        var sb = ctx.Sb;
        bool ready = ctx.OutputReady;
        switch ((uint)ctx.Arg(1))
        {
            case Tiocgwinsz or Tiocswinsz when ready && ctx.Mem.TryRead(arg, out ulong ws):
                sb.Append("{ws_row=").Append((ushort)ws).Append(", ws_col=").Append((ushort)(ws >> 16))
                  .Append(", ws_xpixel=").Append((ushort)(ws >> 32)).Append(", ws_ypixel=").Append((ushort)(ws >> 48)).Append('}');
                return;
            case Fionread or Fionbio or Fioasync or Tiocgpgrp or Tiocspgrp or Tiocgsid or Tiocgptn or Tiocsptlck
                when ready && ctx.Mem.TryRead(arg, out int v):
                sb.Append('[').Append(v).Append(']');
                return;
            case Tiocgwinsz or Tiocswinsz or Fionread or Fionbio or Fioasync or Tiocgpgrp or Tiocspgrp or Tiocgsid or Tiocgptn or Tiocsptlck:
                ValueFormatter.AppendPointer(sb, arg);
                return;
            case Tcgets when ready && AppendTermios(ref ctx, arg):
                return;
            case Tcsets or Tcsetsw or Tcsetsf when AppendTermios(ref ctx, arg):
                // An input: the caller's struct is there whether or not the call succeeded.
                return;
            case Tcgets or Tcsets or Tcsetsw or Tcsetsf:
                ValueFormatter.AppendPointer(sb, arg);
                return;
            case Ficlone:
                // The source file of a reflink copy (cp): an fd.
                ValueFormatter.AppendFd(sb, (int)arg, ctx.Opt);
                return;
            default:
                // Unknown requests: the value as strace prints it (%#lx), which may be an address or a number.
                ValueFormatter.AppendHex(sb, arg);
                return;
        }
    }
}
