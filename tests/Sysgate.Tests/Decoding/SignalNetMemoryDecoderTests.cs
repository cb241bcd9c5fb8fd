using Sysgate.Decoding;
using static Sysgate.Tests.Decoding.DecodeAssert;

namespace Sysgate.Tests.Decoding;

public class SignalNetMemoryDecoderTests
{
    private readonly FakeMemory _mem = new();

    [Fact]
    public void Kill_and_tgkill()
    {
        Line("kill(8076, 0) = 0", _mem, "kill", 0, 8076, 0);
        Line("kill(-1, SIGTERM) = -1 EPERM (Operation not permitted)", _mem, "kill", -1, Neg(-1), 15);
        Line("tgkill(10, 11, SIGRTMIN) = 0", _mem, "tgkill", 0, 10, 11, 32);
        Line("tkill(10, SIGRT_2) = 0", _mem, "tkill", 0, 10, 34);
    }

    [Fact]
    public void Rt_sigaction_with_handler_and_mask()
    {
        ulong act = _mem.Pointers(0x55c547ba6339, 0x14000000, 0x7ff9a3068050, 1UL << 14);
        Line("rt_sigaction(SIGINT, {sa_handler=0x55c547ba6339, sa_mask=[TERM], sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7ff9a3068050}, NULL, 8) = 0",
            _mem, "rt_sigaction", 0, 2, act, 0, 8);
    }

    [Fact]
    public void Rt_sigaction_old_action_decoded_at_exit()
    {
        ulong act = _mem.Pointers(1, 0, 0, 0);
        ulong old = _mem.Pointers(0, 0, 0, 0);
        Line("rt_sigaction(SIGPIPE, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=0}, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0",
            _mem, "rt_sigaction", 0, 13, act, old, 8);
    }

    [Fact]
    public void Rt_sigprocmask_sets()
    {
        Line("rt_sigprocmask(SIG_BLOCK, [CHLD], NULL, 8) = 0", _mem, "rt_sigprocmask", 0, 0, _mem.Pointers(1UL << 16), 0, 8);
        ulong all = _mem.Pointers(~((1UL << 8) | (1UL << 32))); // everything but KILL and RT_1
        Line("rt_sigprocmask(SIG_SETMASK, ~[KILL RT_1], [], 8) = 0", _mem, "rt_sigprocmask", 0, 2, all, _mem.Pointers(0), 8);
    }

    [Fact]
    public void Socket_protocol_depends_on_domain()
    {
        Line("socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3", _mem, "socket", 3, 2, 0x80001, 0);
        Line("socket(AF_UNIX, SOCK_STREAM, 0) = 4", _mem, "socket", 4, 1, 1, 0);
        Line("socket(AF_INET6, SOCK_DGRAM|SOCK_NONBLOCK, IPPROTO_UDP) = 5", _mem, "socket", 5, 10, 0x802, 17);
    }

    [Fact]
    public void Connect_inet_and_unix()
    {
        byte[] sin = [2, 0, 0, 9, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0];
        Line("connect(3, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused)",
            _mem, "connect", -111, 3, _mem.Put(sin), 16);
        var sun = new byte[110];
        sun[0] = 1;
        "/tmp/nosock"u8.CopyTo(sun.AsSpan(2));
        Line("connect(4, {sa_family=AF_UNIX, sun_path=\"/tmp/nosock\"}, 110) = -1 ENOENT (No such file or directory)",
            _mem, "connect", -2, 4, _mem.Put(sun), 110);
    }

    [Fact]
    public void Bind_abstract_unix_and_inet6()
    {
        byte[] abs = [1, 0, 0, (byte)'x', (byte)'y'];
        Line("bind(3, {sa_family=AF_UNIX, sun_path=@\"xy\"}, 5) = 0", _mem, "bind", 0, 3, _mem.Put(abs), 5);
        var sin6 = new byte[28];
        sin6[0] = 10;
        sin6[3] = 80;
        sin6[23] = 1;
        Line("connect(3, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = 0",
            _mem, "connect", 0, 3, _mem.Put(sin6), 28);
    }

    [Fact]
    public void Accept4_peer_address_and_length_at_exit()
    {
        byte[] sa = [1, 0];
        Line("accept4(3, {sa_family=AF_UNIX}, [2], SOCK_CLOEXEC) = 5", _mem, "accept4", 5, 3, _mem.Put(sa), _mem.Int(2), 0x80000);
    }

    [Fact]
    public void Sendto_and_recvfrom_buffers()
    {
        Line("sendto(3, \"ping\", 4, MSG_NOSIGNAL, NULL, 0) = 4", _mem, "sendto", 4, 3, _mem.Bytes("ping"), 4, 0x4000, 0, 0);
        Line("recvfrom(3, \"po\", 100, MSG_DONTWAIT, NULL, NULL) = 2", _mem, "recvfrom", 2, 3, _mem.Bytes("pong"), 100, 0x40, 0, 0);
    }

    [Fact]
    public void Mmap_mprotect_munmap_brk()
    {
        Line("mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7ff9a3200000",
            _mem, "mmap", 0x7ff9a3200000, 0, 8192, 3, 0x22, Neg(-1), 0);
        Line("mmap(0x7f0000000000, 1540096, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, 0x26000) = 0x7f0000000000",
            _mem, "mmap", 0x7f0000000000, 0x7f0000000000, 1540096, 5, 0x812, 3, 0x26000);
        Line("mprotect(0x7ff9a3200000, 4096, PROT_NONE) = 0", _mem, "mprotect", 0, 0x7ff9a3200000, 4096, 0);
        Line("munmap(0x7ff9a3200000, 8192) = 0", _mem, "munmap", 0, 0x7ff9a3200000, 8192);
        Line("brk(NULL) = 0x55d000000000", _mem, "brk", 0x55d000000000, 0);
        Line("mmap(NULL, 8192, PROT_READ, MAP_SHARED, 3, 0) = -1 ENOMEM (Cannot allocate memory)", _mem, "mmap", -12, 0, 8192, 1, 1, 3, 0);
    }

    [Fact]
    public void Pipe2_and_writev_and_nanosleep()
    {
        Line("pipe2([5, 6], O_CLOEXEC) = 0", _mem, "pipe2", 0, _mem.Pointers(5UL | (6UL << 32)), 0x80000);
        ulong iov = _mem.Pointers(_mem.Bytes("hello"), 5, _mem.Bytes(" world"), 6);
        Line("writev(1, [{iov_base=\"hello\", iov_len=5}, {iov_base=\" world\", iov_len=6}], 2) = 11", _mem, "writev", 11, 1, iov, 2);
        Line("nanosleep({tv_sec=1, tv_nsec=500000000}, NULL) = 0", _mem, "nanosleep", 0, _mem.Pointers(1, 500000000), 0);
        Line("clock_gettime(CLOCK_MONOTONIC, {tv_sec=12, tv_nsec=34}) = 0", _mem, "clock_gettime", 0, 1, _mem.Pointers(12, 34));
    }

    [Fact]
    public void Readv_shows_only_what_was_read()
    {
        ulong iov = _mem.Pointers(_mem.Bytes("abcd"), 4, _mem.Bytes("efgh"), 4);
        Line("readv(0, [{iov_base=\"abcd\", iov_len=4}, {iov_base=\"ef\", iov_len=4}], 2) = 6", _mem, "readv", 6, 0, iov, 2);
    }

    [Fact]
    public void Socket_options_and_netlink()
    {
        Line("setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0", _mem, "setsockopt", 0, 3, 1, 2, _mem.Int(1), 4);
        Line("setsockopt(3, SOL_TCP, TCP_NODELAY, [1], 4) = 0", _mem, "setsockopt", 0, 3, 6, 1, _mem.Int(1), 4);
        Line("getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0", _mem, "getsockopt", 0, 3, 1, 4, _mem.Int(0), _mem.Int(4));
        Line("socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 4", _mem, "socket", 4, 16, 0x80003, 0);
    }

    [Fact]
    public void Sleep_remainder_is_an_address()
    {
        Line("clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=1000}, 0x7ffda08afef0) = 0",
            _mem, "clock_nanosleep", 0, 1, 0, _mem.Pointers(0, 1000), 0x7ffda08afef0);
    }
}
