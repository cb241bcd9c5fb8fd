using System.Text;
using Sysgate.Decoding;
using static Sysgate.Tests.Decoding.DecodeAssert;

namespace Sysgate.Tests.Decoding;

/// <summary>futex, statx, getdents64, poll, sendmsg/recvmsg... expected strings from real strace 6.1.</summary>
public class ModernCallDecoderTests
{
    private readonly FakeMemory _mem = new();
    private const ulong Uaddr = 0x7fff4a3e27e8;

    [Fact]
    public void Futex_shows_the_arguments_each_operation_uses()
    {
        Line("futex(0x7fff4a3e27e8, FUTEX_WAKE_PRIVATE, 1) = 0", _mem, "futex", 0, Uaddr, 129, 1, 0, 0, 0);
        Line("futex(0x7fff4a3e27e8, FUTEX_WAIT_PRIVATE, 1, NULL) = -1 EAGAIN (Resource temporarily unavailable)",
            _mem, "futex", -11, Uaddr, 128, 1, 0, 0, 0);
        Line("futex(0x7fff4a3e27e8, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 1, NULL, FUTEX_BITSET_MATCH_ANY) = -1 EAGAIN (Resource temporarily unavailable)",
            _mem, "futex", -11, Uaddr, 393, 1, 0, 0, 0xffffffff);
        Line("futex(0x7fff4a3e27e8, FUTEX_WAKE_BITSET_PRIVATE, 1, FUTEX_BITSET_MATCH_ANY) = 0",
            _mem, "futex", 0, Uaddr, 138, 1, 0, 0, 0xffffffff);
    }

    [Fact]
    public void Statx_flags_mask_and_result()
    {
        var sx = new byte[256];
        BitConverter.TryWriteBytes(sx.AsSpan(0), 0x1fffu);
        BitConverter.TryWriteBytes(sx.AsSpan(28), (ushort)0x81ed);
        BitConverter.TryWriteBytes(sx.AsSpan(40), 3UL);
        ulong buf = _mem.Put(sx);
        Line("statx(AT_FDCWD, \"/etc/hostname\", AT_STATX_SYNC_AS_STAT, STATX_ALL, {stx_mask=STATX_ALL|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0755, stx_size=3, ...}) = 0",
            _mem, "statx", 0, Neg(-100), _mem.String("/etc/hostname"), 0, 0xfff, buf);
        BitConverter.TryWriteBytes(sx.AsSpan(0), 0x17ffu);
        buf = _mem.Put(sx);
        Line("statx(AT_FDCWD, \"/etc/hostname\", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, {stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0755, stx_size=3, ...}) = 0",
            _mem, "statx", 0, Neg(-100), _mem.String("/etc/hostname"), 0x100, 0x7ff, buf);
    }

    [Fact]
    public void Getdents64_counts_entries()
    {
        var d = new byte[224];
        for (int off = 0; off < 224; off += 28) BitConverter.TryWriteBytes(d.AsSpan(off + 16), (ushort)28);
        ulong buf = _mem.PutAt(0x7fff4a3e16e0, d);
        Line("getdents64(3, 0x7fff4a3e16e0 /* 8 entries */, 4096) = 224", _mem, "getdents64", 224, 3, buf, 4096);
        Line("getdents64(3, 0x7fff4a3e16e0 /* 0 entries */, 4096) = 0", _mem, "getdents64", 0, 3, buf, 4096);
    }

    [Fact]
    public void Poll_array_at_entry()
    {
        ulong fds = _mem.Pointers(0 | (1UL << 32), 1 | (4UL << 32));
        var sb = new StringBuilder();
        SyscallFormatter.FormatCall(sb, Call("poll"), [fds, 2, 0], _mem, X86);
        Assert.Equal("poll([{fd=0, events=POLLIN}, {fd=1, events=POLLOUT}], 2, 0)", sb.ToString());
    }

    [Fact]
    public void Socketpair_sendmsg_recvmsg()
    {
        Line("socketpair(AF_UNIX, SOCK_STREAM, 0, [4, 5]) = 0", _mem, "socketpair", 0, 1, 1, 0, _mem.Pointers(4UL | (5UL << 32)));
        ulong iov = _mem.Pointers(_mem.Bytes("hi"), 2);
        ulong msg = _mem.Pointers(0, 0, iov, 1, 0, 0, 0);
        Line("sendmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hi\", iov_len=2}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 2",
            _mem, "sendmsg", 2, 4, msg, 0);
        ulong riov = _mem.Pointers(_mem.Bytes("hi\0\0\0\0\0\0\0\0"), 10);
        ulong rmsg = _mem.Pointers(0, 0, riov, 1, 0, 0, 0);
        Line("recvmsg(5, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hi\", iov_len=10}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 2",
            _mem, "recvmsg", 2, 5, rmsg, 0);
    }

    [Fact]
    public void Faccessat2_and_close_range()
    {
        Line("faccessat2(AT_FDCWD, \"/etc\", R_OK, AT_EACCESS) = 0", _mem, "faccessat2", 0, Neg(-100), _mem.String("/etc"), 4, 0x200);
        Line("close_range(3, 4294967295, 0) = 0", _mem, "close_range", 0, 3, 0xffffffff, 0);
    }

    [Fact]
    public void Getrandom_prints_hex()
    {
        ulong buf = _mem.Put([0x5e, 0xbc, 0x6a, 0x6f, 0x15, 0x40, 0x05, 0x75]);
        Line("getrandom(\"\\x5e\\xbc\\x6a\\x6f\\x15\\x40\\x05\\x75\", 8, GRND_NONBLOCK) = 8", _mem, "getrandom", 8, buf, 8, 1);
    }

    [Fact]
    public void Epoll_ctl_and_wait()
    {
        Line("epoll_create1(EPOLL_CLOEXEC) = 3", _mem, "epoll_create1", 3, 0x80000);
        byte[] ev = [1, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0]; // packed on x86_64
        Line("epoll_ctl(3, EPOLL_CTL_ADD, 4, {events=EPOLLIN, data={u32=4, u64=4}}) = 0", _mem, "epoll_ctl", 0, 3, 1, 4, _mem.Put(ev));
        Line("epoll_wait(3, [{events=EPOLLIN, data={u32=4, u64=4}}], 4, -1) = 1", _mem, "epoll_wait", 1, 3, _mem.Put([.. ev, .. new byte[36]]), 4, Neg(-1));
    }

    [Fact]
    public void Ppoll_result_lists_ready_fds_and_time_left()
    {
        ulong fds = _mem.Pointers(4 | (1UL << 32) | (1UL << 48));
        ulong ts = _mem.Pointers(0, 999998367);
        // The timeout is read at entry in reality; the fake memory already holds the value left at exit.
        var sb = new StringBuilder();
        var info = Call("ppoll");
        ulong[] args = [fds, 1, ts, 0, 8];
        SyscallFormatter.FormatResult(sb, info, 1, args, _mem, X86);
        Assert.Equal(" = 1 ([{fd=4, revents=POLLIN}], left {tv_sec=0, tv_nsec=999998367})", sb.ToString());
        Line("poll([{fd=4, events=POLLIN}], 1, 0) = 1 ([{fd=4, revents=POLLIN}])", _mem, "poll", 1, fds, 1, 0);
        Line("poll([{fd=4, events=POLLIN}], 1, 0) = 0 (Timeout)", _mem, "poll", 0, fds, 1, 0);
    }

    [Fact]
    public void Prctl_by_option()
    {
        Line("prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0", _mem, "prctl", 0, 38, 1, 0, 0, 0);
        Line("prctl(PR_SET_NAME, \"abc\") = 0", _mem, "prctl", 0, 15, _mem.String("abc"), 0, 0, 0);
        Line("prctl(PR_SET_PDEATHSIG, SIGKILL) = 0", _mem, "prctl", 0, 1, 9, 0, 0, 0);
        Line("prctl(PR_GET_DUMPABLE) = 1", _mem, "prctl", 1, 3, 0, 0, 0, 0);
    }

    [Fact]
    public void Select_fd_sets_at_entry()
    {
        var sb = new StringBuilder();
        SyscallFormatter.FormatCall(sb, Call("select"), [8, _mem.Pointers((1UL << 3) | (1UL << 7)), 0, 0, _mem.Pointers(1, 0)], _mem, X86);
        Assert.Equal("select(8, [3 7], NULL, NULL, {tv_sec=1, tv_usec=0})", sb.ToString());
    }
}
