using System.Text;
using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Decoding;

/// <summary>File calls: open's optional mode, fcntl by command, struct stat.</summary>
internal static class FileDecoders
{
    private const int FGetfd = 1, FSetfd = 2, FGetfl = 3, FSetfl = 4, FGetown = 9, FGetsig = 11,
        FGetlease = 1025, FDupfd = 0, FDupfdCloexec = 1030, FGetpipeSz = 1032, FGetSeals = 1034;
    private const int FSetlk = 6, FSetlkw = 7, FGetlk = 5, FOfdGetlk = 36, FOfdSetlk = 37, FOfdSetlkw = 38;

    /// <summary>open/openat use the mode only with O_CREAT or O_TMPFILE; strace hides it otherwise.</summary>
    public static bool OpenTakesMode(ulong flags, Arch arch)
    {
        const ulong OCreat = 0x40;
        ulong tmpfile = FlagSets.Open.TryGetValue("O_TMPFILE", arch, out var t) ? t : 0;
        return (flags & OCreat) != 0 || (tmpfile != 0 && (flags & tmpfile) == tmpfile);
    }

    /// <summary>fcntl commands without an argument print two arguments.</summary>
    public static int FcntlArgCount(int cmd) => cmd is FGetfd or FGetfl or FGetown or FGetsig or FGetlease
        or FGetpipeSz or FGetSeals ? 2 : 3;

    public static void AppendFcntlArg(ref CallContext ctx)
    {
        var sb = ctx.Sb;
        ulong arg = ctx.Arg(2);
        switch ((int)ctx.Arg(1))
        {
            case FSetfd: FlagSets.FdFlags.AppendFlags(sb, arg & 0xffffffff, ctx.Arch); break;
            case FSetfl: FlagSets.Open.AppendFlags(sb, arg & 0xffffffff, ctx.Arch); break;
            case FDupfd or FDupfdCloexec: ValueFormatter.AppendFd(sb, (int)arg, ctx.Opt); break;
            case FGetlk or FSetlk or FSetlkw or FOfdGetlk or FOfdSetlk or FOfdSetlkw: ValueFormatter.AppendPointer(sb, arg); break;
            default: sb.Append((long)arg); break;
        }
    }

    /// <summary>fcntl F_GETFD/F_GETFL results print in hex with the decoded flags: 0x1 (flags FD_CLOEXEC), as strace.</summary>
    public static bool TryAppendFcntlResult(StringBuilder sb, int cmd, long ret, DecodeOptions opt)
    {
        if (cmd is not (FGetfd or FGetfl) || (cmd == FGetfd && ret == 0)) return false;
        ValueFormatter.AppendHex(sb, (ulong)ret);
        sb.Append(" (flags ");
        (cmd == FGetfd ? FlagSets.FdFlags : FlagSets.Open).AppendFlags(sb, (ulong)ret & 0xffffffff, opt.Arch);
        sb.Append(')');
        return true;
    }

    /// <summary>{st_mode=S_IFREG|0644, st_size=3, ...}; devices show st_rdev=makedev(0x1, 0x3).</summary>
    public static void AppendStat(ref CallContext ctx, ulong addr)
    {
        var sb = ctx.Sb;
        Span<byte> buf = stackalloc byte[144];
        if (!ctx.Mem.TryReadExact(addr, buf)) { ValueFormatter.AppendPointer(sb, addr); return; }
        // x86_64 struct stat: dev@0 ino@8 nlink@16 mode@24 uid@28 gid@32 rdev@40 size@48.
        // asm-generic (aarch64): dev@0 ino@8 mode@16 nlink@20 uid@24 gid@28 rdev@32 size@48.
        bool x86 = ctx.Arch == Arch.X86_64;
        uint mode = BitConverter.ToUInt32(buf[(x86 ? 24 : 16)..]);
        ulong rdev = BitConverter.ToUInt64(buf[(x86 ? 40 : 32)..]);
        long size = BitConverter.ToInt64(buf[48..]);
        sb.Append("{st_mode=");
        ValueFormatter.AppendMode(sb, mode, ctx.Arch);
        uint type = mode & 0xf000;
        if (type is 0x2000 or 0x6000) AppendMakedev(sb.Append(", st_rdev="), rdev);
        else sb.Append(", st_size=").Append(size);
        sb.Append(", ...}");
    }

    /// <summary>mknod uses its dev argument only for character and block devices; strace hides it otherwise.</summary>
    public static bool MknodTakesDev(ulong mode) => (mode & 0xf000) is 0x2000 or 0x6000;

    /// <summary>A dev_t as strace prints it: makedev(0x1, 0x3).</summary>
    public static void AppendMakedev(StringBuilder sb, ulong dev)
    {
        ulong major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffUL);
        ulong minor = (dev & 0xff) | ((dev >> 12) & ~0xffUL);
        ValueFormatter.AppendHexDigits(sb.Append("makedev(0x"), major);
        ValueFormatter.AppendHexDigits(sb.Append(", 0x"), minor).Append(')');
    }

    /// <summary>{stx_mask=STATX_ALL|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0644, stx_size=3, ...}.</summary>
    public static void AppendStatx(ref CallContext ctx, ulong addr)
    {
        var sb = ctx.Sb;
        Span<byte> buf = stackalloc byte[48];
        if (!ctx.Mem.TryReadExact(addr, buf)) { ValueFormatter.AppendPointer(sb, addr); return; }
        sb.Append("{stx_mask=");
        FlagSets.StatxMask.AppendFlags(sb, BitConverter.ToUInt32(buf), ctx.Arch);
        sb.Append(", stx_attributes=");
        FlagSets.StatxAttrs.AppendFlags(sb, BitConverter.ToUInt64(buf[8..]), ctx.Arch);
        sb.Append(", stx_mode=");
        ValueFormatter.AppendMode(sb, BitConverter.ToUInt16(buf[28..]), ctx.Arch);
        sb.Append(", stx_size=").Append(BitConverter.ToUInt64(buf[40..])).Append(", ...}");
    }

    /// <summary>getdents: 0x55... /* 8 entries */ (strace without -v), counted over the bytes returned.</summary>
    public static void AppendDirentCount(ref CallContext ctx, ulong addr)
    {
        var sb = ctx.Sb;
        ValueFormatter.AppendPointer(sb, addr);
        long total = ctx.Ret;
        int entries = 0;
        // linux_dirent and linux_dirent64 both keep d_reclen (u16) at offset 16.
        for (long off = 0; off + 18 <= total; entries++)
        {
            if (!ctx.Mem.TryRead(addr + (ulong)off + 16, out ushort reclen) || reclen == 0)
            {
                if (entries == 0) return; // unreadable: the address alone, like strace
                break;
            }
            off += reclen;
        }
        sb.Append(" /* ").Append(entries).Append(entries == 1 ? " entry */" : " entries */");
    }
}
