using System.Buffers.Binary;
using System.Net;
using System.Text;
using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Decoding;

/// <summary>Sockets: socket addresses (AF_UNIX, AF_INET, AF_INET6, others generically) and protocols.</summary>
internal static class NetDecoders
{
    private const int AfUnix = 1, AfInet = 2, AfInet6 = 10, AfNetlink = 16, SolSocket = 1, SolTcp = 6, SolIp = 0, SolIpv6 = 41;
    private const int MaxSockAddr = 128; // sizeof(struct sockaddr_storage)

    /// <summary>socket()'s protocol: IPPROTO_* names for IP families, a number otherwise (as strace).</summary>
    public static void AppendProtocol(StringBuilder sb, int domain, int protocol, Arch arch)
    {
        if (domain is AfInet or AfInet6) FlagSets.Ipproto.AppendEnum(sb, protocol, arch);
        else if (domain == AfNetlink) FlagSets.NetlinkProto.AppendEnum(sb, protocol, arch);
        else sb.Append(protocol);
    }

    /// <summary>setsockopt/getsockopt option names for SOL_SOCKET and SOL_TCP; numbers otherwise.</summary>
    public static void AppendSockOptName(StringBuilder sb, int level, int name, Arch arch)
    {
        var set = level switch
        {
            SolSocket => FlagSets.SoOpt, SolTcp => FlagSets.TcpOpt, SolIp => FlagSets.Ipopt, SolIpv6 => FlagSets.Ipv6opt, _ => null,
        };
        if (set is not null) set.AppendEnum(sb, name, arch);
        else sb.Append(name);
    }

    /// <summary>An int-sized option value prints as [1] (strace); other sizes as a buffer.</summary>
    public static void AppendSockOptValue(ref CallContext ctx, ulong addr, ulong length)
    {
        if (addr != 0 && length == 4 && ctx.Mem.TryRead(addr, out int v)) { ctx.Sb.Append('[').Append(v).Append(']'); return; }
        ValueFormatter.AppendBuffer(ctx.Sb, ctx.Mem, addr, length, ctx.Opt.StringLimit, ctx.Opt.StringStyle);
    }

    /// <summary>{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")} and friends.</summary>
    public static void AppendSockAddr(ref CallContext ctx, ulong addr, ulong length)
    {
        var sb = ctx.Sb;
        if (addr == 0) { sb.Append("NULL"); return; }
        int len = (int)Math.Min(length, MaxSockAddr);
        Span<byte> buf = stackalloc byte[MaxSockAddr];
        if (len < 2 || !ctx.Mem.TryReadExact(addr, buf[..len])) { ValueFormatter.AppendPointer(sb, addr); return; }
        var sa = buf[..len];
        int family = BinaryPrimitives.ReadUInt16LittleEndian(sa);
        sb.Append("{sa_family=");
        FlagSets.SocketDomain.AppendEnum(sb, family, ctx.Arch);
        switch (family)
        {
            case AfUnix: AppendUnix(sb, sa[2..]); break;
            case AfInet when len >= 8:
                sb.Append(", sin_port=htons(").Append(BinaryPrimitives.ReadUInt16BigEndian(sa[2..])).Append(')');
                sb.Append(", sin_addr=inet_addr(\"").Append(sa[4]).Append('.').Append(sa[5]).Append('.').Append(sa[6]).Append('.').Append(sa[7]).Append("\")");
                break;
            case AfInet6 when len >= 24:
                sb.Append(", sin6_port=htons(").Append(BinaryPrimitives.ReadUInt16BigEndian(sa[2..])).Append(')');
                sb.Append(", sin6_flowinfo=htonl(").Append(BinaryPrimitives.ReadUInt32BigEndian(sa[4..])).Append(')');
                sb.Append(", inet_pton(AF_INET6, \"").Append(new IPAddress(sa.Slice(8, 16)).ToString()).Append("\", &sin6_addr)");
                if (len >= 28) sb.Append(", sin6_scope_id=").Append(BinaryPrimitives.ReadUInt32LittleEndian(sa[24..]));
                break;
            default:
                if (len > 2)
                {
                    sb.Append(", sa_data=");
                    StringQuoter.Append(sb, sa[2..], false);
                }
                break;
        }
        sb.Append('}');
    }

    /// <summary>sun_path="/path", abstract names as sun_path=@"name"; an unnamed socket prints only the family.</summary>
    private static void AppendUnix(StringBuilder sb, ReadOnlySpan<byte> path)
    {
        if (path.IsEmpty) return;
        sb.Append(", sun_path=");
        if (path[0] == 0)
        {
            sb.Append('@');
            StringQuoter.Append(sb, path[1..], false);
            return;
        }
        int nul = path.IndexOf((byte)0);
        StringQuoter.Append(sb, nul >= 0 ? path[..nul] : path, false);
    }

    /// <summary>{msg_name=NULL, msg_namelen=0, msg_iov=[...], msg_iovlen=1, msg_controllen=0, msg_flags=0}.</summary>
    public static void AppendMsghdr(ref CallContext ctx, ulong addr)
    {
        var sb = ctx.Sb;
        if (!ctx.Mem.TryRead(addr, out MsgHdr m)) { ValueFormatter.AppendPointer(sb, addr); return; }
        sb.Append("{msg_name=");
        if (m.Name == 0) sb.Append("NULL");
        else AppendSockAddr(ref ctx, m.Name, m.NameLen);
        sb.Append(", msg_namelen=").Append(m.NameLen).Append(", msg_iov=");
        // recvmsg (decoded at exit) shows only the bytes received; sendmsg shows what is sent.
        ulong remaining = ctx.Exiting ? (ulong)Math.Max(0, ctx.Ret) : ulong.MaxValue;
        IoVecDecoder.AppendVector(ref ctx, m.Iov, (long)Math.Min(m.IovLen, int.MaxValue), remaining);
        sb.Append(", msg_iovlen=").Append(m.IovLen);
        if (m.ControlLen != 0)
        {
            sb.Append(", msg_control=");
            ValueFormatter.AppendPointer(sb, m.Control);
        }
        sb.Append(", msg_controllen=").Append(m.ControlLen).Append(", msg_flags=");
        FlagSets.Msg.AppendFlags(sb, (uint)m.Flags, ctx.Arch);
        sb.Append('}');
    }

    /// <summary>struct msghdr (64-bit layout).</summary>
    private readonly record struct MsgHdr(ulong Name, uint NameLen, uint Pad0, ulong Iov, ulong IovLen, ulong Control, ulong ControlLen, int Flags, int Pad1);
}
