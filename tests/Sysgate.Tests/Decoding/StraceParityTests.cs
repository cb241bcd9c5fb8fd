using System.Text;
using Sysgate.Decoding;
using static Sysgate.Tests.Decoding.DecodeAssert;

namespace Sysgate.Tests.Decoding;

/// <summary>
/// Decodings found to differ from strace by running <c>sysgate trace</c> next to strace 6.1; every expected
/// line is strace's own output (addresses and numbers kept, the memory set up to match).
/// </summary>
public class StraceParityTests
{
    private readonly FakeMemory _mem = new();

    private ulong Longs(params long[] values) => _mem.Put([.. values.SelectMany(BitConverter.GetBytes)]);

    [Fact]
    public void Wait4_wnohang_with_no_child_ready_prints_the_pointers()
    {
        // strace -f -e trace=wait4 sh -c 'sleep 0.1 & wait'
        ulong status = _mem.PutAt(0x7ffd3667bd1c, BitConverter.GetBytes(0x7fff_ffff));
        Line("wait4(-1, 0x7ffd3667bd1c, WNOHANG, NULL) = 0", _mem, "wait4", 0, Neg(-1), status, 1, 0);
        Line("wait4(-1, 0x7ffd3667bd1c, WNOHANG, NULL) = -1 ECHILD (No child processes)", _mem, "wait4", -10, Neg(-1), status, 1, 0);
    }

    [Fact]
    public void Wait4_rusage_only_on_success()
    {
        ulong status = _mem.PutAt(0x7ffff74b81fc, BitConverter.GetBytes(3 << 8));
        ulong ru = _mem.PutAt(0x7ffff74b8160, [.. new long[] { 0, 238, 0, 0 }.SelectMany(BitConverter.GetBytes), .. new byte[112]]);
        Line("wait4(11908, 0x7ffff74b81fc, WNOHANG, 0x7ffff74b8160) = 0", _mem, "wait4", 0, 11908, status, 1, ru);
        Line("wait4(11908, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, {ru_utime={tv_sec=0, tv_usec=238}, ru_stime={tv_sec=0, tv_usec=0}, ...}) = 11908",
            _mem, "wait4", 11908, 11908, status, 0, ru);
        Line("wait4(-1, 0x7ffff74b81fc, WNOHANG, 0x7ffff74b8160) = -1 ECHILD (No child processes)", _mem, "wait4", -10, Neg(-1), status, 1, ru);
    }

    [Fact]
    public void Getrusage_prints_the_times_then_ellipsis()
    {
        ulong ru = Longs(0, 0, 0, 2058, 0, 0);
        Line("getrusage(RUSAGE_SELF, {ru_utime={tv_sec=0, tv_usec=0}, ru_stime={tv_sec=0, tv_usec=2058}, ...}) = 0", _mem, "getrusage", 0, 0, ru);
    }

    [Fact]
    public void Waitid_wnohang_with_nothing_to_report_prints_empty_siginfo()
    {
        ulong si = _mem.PutAt(0x7ffff74b80e0, new byte[128]);
        Line("waitid(P_ALL, 0, {}, WNOHANG|WEXITED, NULL) = 0", _mem, "waitid", 0, 0, 0, si, 5, 0);
        Line("waitid(P_ALL, 0, 0x7ffff74b80e0, WEXITED, NULL) = -1 ECHILD (No child processes)", _mem, "waitid", -10, 0, 0, si, 4, 0);
    }

    [Fact]
    public void Clock_nanosleep_remaining_time_only_when_interrupted()
    {
        ulong req = Longs(0, 100000000);
        ulong rem = _mem.PutAt(0x7ffc8e2639c0, [.. new long[] { 1, 83812 }.SelectMany(BitConverter.GetBytes)]);
        Line("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=100000000}, 0x7ffc8e2639c0) = 0", _mem, "clock_nanosleep", 0, 0, 0, req, rem);
        Line("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=100000000}, {tv_sec=1, tv_nsec=83812}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)",
            _mem, "clock_nanosleep", -516, 0, 0, req, rem);
        // An absolute sleep never writes the remaining time.
        Line("clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=0, tv_nsec=100000000}, 0x7ffc8e2639c0) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)",
            _mem, "clock_nanosleep", -516, 1, 1, req, rem);
    }

    [Fact]
    public void Nanosleep_remaining_time_only_when_interrupted_and_printed_at_exit()
    {
        ulong req = Longs(2, 0);
        ulong rem = _mem.PutAt(0x7ffc437423f0, [.. new long[] { 1, 1370 }.SelectMany(BitConverter.GetBytes)]);
        Line("nanosleep({tv_sec=2, tv_nsec=0}, 0x7ffc437423f0) = 0", _mem, "nanosleep", 0, req, rem);
        Line("nanosleep({tv_sec=2, tv_nsec=0}, {tv_sec=1, tv_nsec=1370}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)", _mem, "nanosleep", -516, req, rem);
        // At entry strace prints up to the request (the rest comes with "<... resumed>").
        var sb = new StringBuilder();
        SyscallFormatter.FormatEntering(sb, Call("clock_nanosleep"), [0, 0, req, rem], _mem, X86);
        Assert.Equal("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=2, tv_nsec=0}, ", sb.ToString());
    }

    [Fact]
    public void Decode_fds_annotates_at_fdcwd_with_the_working_directory()
    {
        // strace -y -e trace=openat cat /etc/hostname (run in /tmp/d2)
        var opt = new DecodeOptions
        {
            Arch = Sysgate.Native.Arch.X86_64,
            FdPathResolver = fd => fd switch { -100 => "/tmp/d2", 3 => "/etc/hostname", _ => null },
        };
        Assert.Equal("openat(AT_FDCWD</tmp/d2>, \"/etc/hostname\", O_RDONLY) = 3</etc/hostname>",
            SyscallFormatter.Format(Call("openat"), [Neg(-100), _mem.String("/etc/hostname"), 0, 0], 3, _mem, opt));
        // Without a cwd answer AT_FDCWD stays plain.
        Assert.Equal("openat(AT_FDCWD, \"/x\", O_RDONLY) = 3",
            SyscallFormatter.Format(Call("openat"), [Neg(-100), _mem.String("/x"), 0, 0], 3, _mem, X86));
    }

    // Flags print in strace's xlat order, not by value (f.c/g.c in the report: raw syscall() with many flags).
    [Fact]
    public void Open_flags_in_strace_order()
    {
        ulong path = _mem.String("/nonexist/x");
        Line("openat(AT_FDCWD, \"/nonexist/x\", O_WRONLY|O_CREAT|O_EXCL|O_NOCTTY|O_TRUNC|O_APPEND|O_NONBLOCK|O_DSYNC|O_DIRECT|O_NOFOLLOW|O_NOATIME|O_CLOEXEC|O_DIRECTORY|FASYNC, 0644) = -1 EINVAL (Invalid argument)",
            _mem, "openat", -22, Neg(-100), path, 0xf7fc1, 0x1a4);
        Line("openat(AT_FDCWD, \"/nonexist/x\", O_RDONLY|O_NOFOLLOW|O_CLOEXEC|O_PATH|O_DIRECTORY) = -1 ENOENT (No such file or directory)",
            _mem, "openat", -2, Neg(-100), path, 0x2b0000, 0);
        Line("openat(AT_FDCWD, \"/nonexist/x\", O_RDWR|O_CLOEXEC|O_TMPFILE, 01777) = -1 ENOENT (No such file or directory)",
            _mem, "openat", -2, Neg(-100), path, 0x490002, 0x3ff);
        // A mode is a umode_t printed in octal, whatever garbage the register holds.
        Line("openat(AT_FDCWD, \"/nonexist/x\", O_RDONLY|O_LARGEFILE|O_NOATIME|O_CLOEXEC|O_PATH|O_TMPFILE, 063320) = -1 ENOENT (No such file or directory)",
            _mem, "openat", -2, Neg(-100), path, 0x6d8000, 0x36b566d0);
        Line("fcntl(1, F_SETFL, O_RDONLY|O_NONBLOCK|FASYNC) = 0", _mem, "fcntl", 0, 1, 4, 0x2800);
    }

    [Fact]
    public void Socket_type_flags_cloexec_first()
    {
        Line("socket(AF_UNIX, SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0) = 3", _mem, "socket", 3, 1, 0x80802, 0);
        Line("socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0) = 3", _mem, "socket", 3, 1, 0x80801, 0);
    }

    [Fact]
    public void Mknod_symbolic_mode_and_dev_only_for_devices()
    {
        ulong path = _mem.String("/nonexist/y");
        Line("mknodat(AT_FDCWD, \"/nonexist/y\", S_IFIFO|S_ISUID|S_ISGID|S_ISVTX|0644) = -1 ENOENT (No such file or directory)",
            _mem, "mknodat", -2, Neg(-100), path, 0x1fa4, 0);
        Line("mknodat(AT_FDCWD, \"/nonexist/y\", S_IFCHR|0600, makedev(0x1, 0x3)) = -1 ENOENT (No such file or directory)",
            _mem, "mknodat", -2, Neg(-100), path, 0x2180, 0x103);
        Line("mknodat(AT_FDCWD, \"/nonexist/y\", S_ISUID|0644) = -1 ENOENT (No such file or directory)",
            _mem, "mknodat", -2, Neg(-100), path, 0x9a4, 0);
        Line("fchmodat(AT_FDCWD, \"/nonexist/y\", 07755) = -1 ENOENT (No such file or directory)", _mem, "fchmodat", -2, Neg(-100), path, 0xfed);
    }

    [Fact]
    public void Stat_mode_names_the_sticky_bit()
    {
        // strace python3 -c pass: newfstatat of /tmp
        var st = new byte[144];
        BitConverter.TryWriteBytes(st.AsSpan(24), 0x43ff);
        BitConverter.TryWriteBytes(st.AsSpan(48), 36864L);
        Line("newfstatat(AT_FDCWD, \"/tmp\", {st_mode=S_IFDIR|S_ISVTX|0777, st_size=36864, ...}, 0) = 0",
            _mem, "newfstatat", 0, Neg(-100), _mem.String("/tmp"), _mem.Put(st), 0);
    }

    [Fact]
    public void Statx_attributes_by_name()
    {
        // strace ls -la /etc
        var stx = new byte[256];
        BitConverter.TryWriteBytes(stx.AsSpan(0), 0x17ffu);
        BitConverter.TryWriteBytes(stx.AsSpan(8), 0x2000UL);
        BitConverter.TryWriteBytes(stx.AsSpan(28), (ushort)0x41ed);
        BitConverter.TryWriteBytes(stx.AsSpan(40), 4096UL);
        Line("statx(AT_FDCWD, \"/etc/..\", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT, STATX_MODE|STATX_NLINK|STATX_UID|STATX_GID|STATX_MTIME|STATX_SIZE, {stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=STATX_ATTR_MOUNT_ROOT, stx_mode=S_IFDIR|0755, stx_size=4096, ...}) = 0",
            _mem, "statx", 0, Neg(-100), _mem.String("/etc/.."), 0x900, 0x25e, _mem.Put(stx));
    }

    [Fact]
    public void Sched_getaffinity_lists_cpus()
    {
        // strace sort /etc/passwd
        ulong set = _mem.Put([3, 0, 0, 0, 0, 0, 0, 0, .. new byte[120]]);
        Line("sched_getaffinity(0, 128, [0 1]) = 32", _mem, "sched_getaffinity", 32, 0, 128, set);
        Line("sched_setaffinity(0, 8, [0 1]) = 0", _mem, "sched_setaffinity", 0, 0, 8, set);
    }

    [Fact]
    public void Sysinfo_prints_every_field()
    {
        // strace sort /etc/passwd
        var si = new byte[112];
        long[] head = [4787, 368672, 377792, 588416, 25276502016, 23858253824, 9060352, 10395648, 0, 0];
        for (int k = 0; k < head.Length; k++) BitConverter.TryWriteBytes(si.AsSpan(k * 8), head[k]);
        BitConverter.TryWriteBytes(si.AsSpan(80), (ushort)91);
        BitConverter.TryWriteBytes(si.AsSpan(104), 1u);
        Line("sysinfo({uptime=4787, loads=[368672, 377792, 588416], totalram=25276502016, freeram=23858253824, sharedram=9060352, bufferram=10395648, totalswap=0, freeswap=0, procs=91, totalhigh=0, freehigh=0, mem_unit=1}) = 0",
            _mem, "sysinfo", 0, _mem.Put(si));
    }

    [Fact]
    public void Clock_ticks_carry_seconds_comments()
    {
        // strace -f -e trace=times ./h (a child that burns CPU, then times())
        var si = new byte[128];
        BitConverter.TryWriteBytes(si.AsSpan(0), 17);
        BitConverter.TryWriteBytes(si.AsSpan(8), 1);
        BitConverter.TryWriteBytes(si.AsSpan(16), 21293);
        BitConverter.TryWriteBytes(si.AsSpan(32), 22L);
        var sb = new StringBuilder();
        SiginfoFormatter.Format(sb, si, Sysgate.Native.Arch.X86_64);
        Assert.Equal("{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=21293, si_uid=0, si_status=0, si_utime=22 /* 0.22 s */, si_stime=0}", sb.ToString());
        Line("times({tms_utime=14 /* 0.14 s */, tms_stime=0, tms_cutime=22 /* 0.22 s */, tms_cstime=0}) = 1718455738",
            _mem, "times", 1718455738, Longs(14, 0, 22, 0));
    }

    [Fact]
    public void Sigaction_flags_keep_stray_high_bits()
    {
        // strace dd if=/etc/hostname of=/dev/null
        ulong act = _mem.Pointers(0x55eb2f5846a0, 0xffffffffc4000000, 0x7f8381b8c050, (1UL << 1) | (1UL << 9));
        Line("rt_sigaction(SIGINT, {sa_handler=0x55eb2f5846a0, sa_mask=[INT USR1], sa_flags=SA_RESTORER|SA_NODEFER|SA_RESETHAND|0xffffffff00000000, sa_restorer=0x7f8381b8c050}, NULL, 8) = 0",
            _mem, "rt_sigaction", 0, 2, act, 0, 8);
    }

    [Fact]
    public void Ficlone_names_both_requests_and_prints_the_source_fd()
    {
        // strace cp /etc/hostname /tmp/d2/hn
        Line("ioctl(4, BTRFS_IOC_CLONE or FICLONE, 3) = -1 EOPNOTSUPP (Operation not supported)", _mem, "ioctl", -95, 4, 0x40049409, 3);
    }

    [Fact]
    public void Getgroups_lists_the_ids_at_exit()
    {
        // strace id
        Line("getgroups(0, []) = 0", _mem, "getgroups", 0, 0, 0x7ffd00fff000);
        // strace python3 -c 'import os; os.setgroups([0,4,24]); os.getgroups()'
        ulong gids = _mem.Put([0, 0, 0, 0, 4, 0, 0, 0, 24, 0, 0, 0]);
        Line("getgroups(65536, [0, 4, 24]) = 3", _mem, "getgroups", 3, 65536, gids);
        Line("setgroups(3, [0, 4, 24]) = 0", _mem, "setgroups", 0, 3, gids);
    }

    [Fact]
    public void Ip_level_socket_options_by_name()
    {
        // strace getent hosts localhost
        Line("setsockopt(3, SOL_IP, IP_RECVERR, [1], 4) = 0", _mem, "setsockopt", 0, 3, 0, 11, _mem.Int(1), 4);
    }

    private ulong Statfs(long type, long blocks, long files, long ffree, uint fsid0, uint fsid1, long flags)
    {
        var b = new byte[120];
        long[] head = [type, 4096, blocks, blocks, blocks, files, ffree];
        for (int k = 0; k < head.Length; k++) BitConverter.TryWriteBytes(b.AsSpan(k * 8), head[k]);
        BitConverter.TryWriteBytes(b.AsSpan(56), fsid0);
        BitConverter.TryWriteBytes(b.AsSpan(60), fsid1);
        BitConverter.TryWriteBytes(b.AsSpan(64), 255L);
        BitConverter.TryWriteBytes(b.AsSpan(72), 4096L);
        BitConverter.TryWriteBytes(b.AsSpan(80), flags);
        return _mem.Put(b);
    }

    [Fact]
    public void Statfs_struct_with_magic_and_mount_flags()
    {
        // strace -e trace=statfs stat -f /proc; and a tmpfs mounted ro,nosuid,nodev,noexec,noatime,size=1m
        Line("statfs(\"/proc\", {f_type=PROC_SUPER_MAGIC, f_bsize=4096, f_blocks=0, f_bfree=0, f_bavail=0, f_files=0, f_ffree=0, f_fsid={val=[0x15, 0]}, f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}) = 0",
            _mem, "statfs", 0, _mem.String("/proc"), Statfs(0x9fa0, 0, 0, 0, 0x15, 0, 0x1020));
        Line("statfs(\"/tmp/d2/mnt\", {f_type=TMPFS_MAGIC, f_bsize=4096, f_blocks=256, f_bfree=256, f_bavail=256, f_files=3085510, f_ffree=3085509, f_fsid={val=[0x3053cc3b, 0x536cc1e9]}, f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RDONLY|ST_NOSUID|ST_NODEV|ST_NOEXEC|ST_NOATIME}) = 0",
            _mem, "statfs", 0, _mem.String("/tmp/d2/mnt"), Statfs(0x01021994, 256, 3085510, 3085509, 0x3053cc3b, 0x536cc1e9, 0x42f));
        Line("statfs(\"/selinux\", 0x7ffd71d03540) = -1 ENOENT (No such file or directory)", _mem, "statfs", -2, _mem.String("/selinux"), 0x7ffd71d03540);
    }

    [Fact]
    public void Failed_socket_calls_still_show_the_address_length()
    {
        // strace python3 q.py: non-blocking recvfrom/accept4 and getpeername on a listening socket
        ulong len = _mem.Int(16);
        Line("recvfrom(3, 0x7f5eaf42e2d0, 10, 0, 0x7fff7e850b80, [16]) = -1 EAGAIN (Resource temporarily unavailable)",
            _mem, "recvfrom", -11, 3, 0x7f5eaf42e2d0, 10, 0, 0x7fff7e850b80, len);
        Line("accept4(4, 0x7fff7e850a30, [16], SOCK_CLOEXEC) = -1 EAGAIN (Resource temporarily unavailable)",
            _mem, "accept4", -11, 4, 0x7fff7e850a30, len, 0x80000);
        Line("getpeername(4, 0x7fff7e850be0, [16]) = -1 ENOTCONN (Transport endpoint is not connected)",
            _mem, "getpeername", -107, 4, 0x7fff7e850be0, len);
    }

    private ulong Sigevent(ulong value, int signo, int notify, int tid = 0)
    {
        var b = new byte[64];
        BitConverter.TryWriteBytes(b.AsSpan(0), value);
        BitConverter.TryWriteBytes(b.AsSpan(8), signo);
        BitConverter.TryWriteBytes(b.AsSpan(12), notify);
        BitConverter.TryWriteBytes(b.AsSpan(16), tid);
        return _mem.Put(b);
    }

    [Fact]
    public void Timer_create_sigevent_and_timer_id()
    {
        // strace ./tc (timer_create with SIGEV_SIGNAL, SIGEV_NONE, SIGEV_THREAD_ID, NULL)
        Line("timer_create(CLOCK_REALTIME, {sigev_signo=SIGALRM, sigev_notify=SIGEV_SIGNAL}, [0]) = 0",
            _mem, "timer_create", 0, 0, Sigevent(0, 14, 0), _mem.Int(0));
        Line("timer_create(CLOCK_MONOTONIC, {sigev_value={sival_int=4660, sival_ptr=0x1234}, sigev_signo=14, sigev_notify=SIGEV_NONE}, [1]) = 0",
            _mem, "timer_create", 0, 1, Sigevent(0x1234, 14, 1), _mem.Int(1));
        Line("timer_create(CLOCK_MONOTONIC, {sigev_value={sival_int=4660, sival_ptr=0x1234}, sigev_signo=SIGUSR1, sigev_notify=SIGEV_THREAD_ID, sigev_notify_thread_id=26809}, [2]) = 0",
            _mem, "timer_create", 0, 1, Sigevent(0x1234, 10, 4, 26809), _mem.Int(2));
        Line("timer_create(CLOCK_MONOTONIC, NULL, [3]) = 0", _mem, "timer_create", 0, 1, 0, _mem.Int(3));
    }

    private ulong Termios(uint i, uint o, uint c, uint l)
    {
        var b = new byte[36];
        BitConverter.TryWriteBytes(b.AsSpan(0), i);
        BitConverter.TryWriteBytes(b.AsSpan(4), o);
        BitConverter.TryWriteBytes(b.AsSpan(8), c);
        BitConverter.TryWriteBytes(b.AsSpan(12), l);
        return _mem.Put(b);
    }

    [Fact]
    public void Terminal_attributes_on_a_tty()
    {
        // script -qc "strace ls /etc/hostname": a pty's default modes
        Line("ioctl(1, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, ...}) = 0",
            _mem, "ioctl", 0, 1, 0x5401, Termios(0x500, 0x5, 0xbf, 0x8a3b));
        // stty with every flag set (strace order is not value order in c_lflag)
        Line("ioctl(0, TCGETS, {c_iflag=IGNBRK|BRKINT|IGNPAR|PARMRK|INPCK|ISTRIP|INLCR|IGNCR|ICRNL|IUCLC|IXON|IXANY|IXOFF|IMAXBEL|IUTF8, c_oflag=NL1|CR2|TAB1|BS1|VT1|FF1|OPOST|OLCUC|ONLCR|OCRNL|ONOCR|ONLRET|OFILL|OFDEL, c_cflag=B38400|CS8|CSTOPB|CREAD|PARODD|HUPCL|CLOCAL|CMSPAR|CRTSCTS, c_lflag=ISIG|ICANON|XCASE|ECHO|ECHOE|ECHOK|ECHONL|NOFLSH|IEXTEN|ECHOCTL|ECHOPRT|ECHOKE|FLUSHO|TOSTOP|EXTPROC, ...}) = 0",
            _mem, "ioctl", 0, 0, 0x5401, Termios(0x7fff, 0xedff, 0xc0000eff, 0x19fff));
        // python termios.tcsetattr(TCSADRAIN): strace names the OSS alias too
        Line("ioctl(0, SNDCTL_TMR_STOP or TCSETSW, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, ...}) = 0",
            _mem, "ioctl", 0, 0, 0x5403, Termios(0x500, 0x5, 0xbf, 0x8a3b & ~8u));
        Line("ioctl(3, TCGETS, 0x7fff07b2b700) = -1 ENOTTY (Inappropriate ioctl for device)", _mem, "ioctl", -25, 3, 0x5401, 0x7fff07b2b700);
    }

    [Fact]
    public void Select_and_poll_results_as_strace()
    {
        // strace -y python3 sel.py
        var opt = new DecodeOptions { Arch = Sysgate.Native.Arch.X86_64, FdPathResolver = fd => fd is 3 or 4 ? "pipe:[1176662]" : null };
        ulong rd = _mem.Pointers(1UL << 3), wr = _mem.Pointers(1UL << 4), ex = _mem.Pointers(0);
        Assert.Equal("pselect6(4, [3<pipe:[1176662]>], [], [], {tv_sec=0, tv_nsec=0}, NULL) = 0 (Timeout)",
            SyscallFormatter.Format(Call("pselect6"), [4, _mem.Pointers(1UL << 3), _mem.Pointers(0), _mem.Pointers(0), Longs(0, 0), 0], 0, _mem, opt));
        ulong pfd = _mem.Pointers(3UL | (1UL << 32));
        Assert.Equal("poll([{fd=3<pipe:[1176662]>, events=POLLIN}], 1, 0) = 0 (Timeout)",
            SyscallFormatter.Format(Call("poll"), [pfd, 1, 0], 0, _mem, opt));
        // The sets as the kernel left them (the entry text was printed before the call changed them).
        var sb = new StringBuilder();
        ulong[] args = [5, rd, wr, ex, Longs(0, 499997716), 0];
        SyscallFormatter.FormatResult(sb, Call("pselect6"), 2, args, _mem, opt);
        Assert.Equal(" = 2 (in [3], out [4], left {tv_sec=0, tv_nsec=499997716})", sb.ToString());
        sb.Clear();
        SyscallFormatter.FormatResult(sb, Call("poll"), 1, [_mem.Pointers(3UL | (1UL << 32) | (1UL << 48)), 1, 10], _mem, opt);
        Assert.Equal(" = 1 ([{fd=3, revents=POLLIN}])", sb.ToString());
    }

    [Fact]
    public void Utimensat_times_with_dates_and_special_values()
    {
        // strace ./ut (TZ is UTC here; the comment uses the local zone as strace does)
        if (TimeZoneInfo.Local.BaseUtcOffset != TimeSpan.Zero) return;
        ulong path = _mem.String("/tmp/d2/w/t");
        Line("utimensat(AT_FDCWD, \"/tmp/d2/w/t\", [UTIME_NOW, UTIME_OMIT], 0) = 0",
            _mem, "utimensat", 0, Neg(-100), path, Longs(0, (1L << 30) - 1, 5, (1L << 30) - 2), 0);
        Line("utimensat(AT_FDCWD, \"/tmp/d2/w/t\", [{tv_sec=-1, tv_nsec=5} /* 1969-12-31T23:59:59.000000005+0000 */, {tv_sec=1700000000, tv_nsec=123} /* 2023-11-14T22:13:20.000000123+0000 */], AT_SYMLINK_NOFOLLOW) = 0",
            _mem, "utimensat", 0, Neg(-100), path, Longs(-1, 5, 1700000000, 123), 0x100);
        Line("utimensat(0, NULL, [{tv_sec=1577836800, tv_nsec=0} /* 2020-01-01T00:00:00+0000 */, {tv_sec=0, tv_nsec=0}], 0) = 0",
            _mem, "utimensat", 0, 0, 0, Longs(1577836800, 0, 0, 0), 0);
    }
}
