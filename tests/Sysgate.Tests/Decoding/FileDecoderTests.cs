using System.Text;
using Sysgate.Decoding;
using static Sysgate.Tests.Decoding.DecodeAssert;

namespace Sysgate.Tests.Decoding;

/// <summary>Expected strings are real strace 6.1 output on this machine (collapsed padding before " = ").</summary>
public class FileDecoderTests
{
    private readonly FakeMemory _mem = new();

    [Fact]
    public void Openat_read_only_hides_the_mode()
    {
        Line("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY|O_CLOEXEC) = 3",
            _mem, "openat", 3, Neg(-100), _mem.String("/etc/hostname"), 0x80000, 0);
    }

    [Fact]
    public void Openat_creat_shows_mode_and_errno()
    {
        Line("openat(AT_FDCWD, \"/nonexistent/x\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = -1 ENOENT (No such file or directory)",
            _mem, "openat", -2, Neg(-100), _mem.String("/nonexistent/x"), 0x241, 0x1a4);
    }

    [Fact]
    public void Open_legacy()
    {
        Line("open(\"/etc/passwd\", O_RDWR|O_APPEND|O_NOFOLLOW) = 4", _mem, "open", 4, _mem.String("/etc/passwd"), 0x20402, 0);
    }

    [Fact]
    public void Open_flags_differ_on_aarch64()
    {
        var sb = new StringBuilder();
        SyscallFormatter.Format(sb, Call("openat"), [Neg(-100), _mem.String("/"), 0x4000, 0], 3, _mem, A64);
        Assert.Equal("openat(AT_FDCWD, \"/\", O_RDONLY|O_DIRECTORY) = 3", sb.ToString());
        Line("openat(AT_FDCWD, \"/\", O_RDONLY|O_DIRECT) = 3", _mem, "openat", 3, Neg(-100), _mem.String("/"), 0x4000, 0);
    }

    [Fact]
    public void Read_decodes_the_buffer_at_exit_up_to_the_return_value()
    {
        ulong buf = _mem.Bytes("vm\nGARBAGE-NOT-READ");
        Line("read(3, \"vm\\n\", 200) = 3", _mem, "read", 3, 3, buf, 200);
    }

    [Fact]
    public void Read_split_into_entering_and_exiting()
    {
        ulong buf = _mem.Bytes("vm\n");
        ulong[] args = [3, buf, 200];
        var sb = new StringBuilder();
        SyscallFormatter.FormatEntering(sb, Call("read"), args, _mem, X86);
        Assert.Equal("read(3, ", sb.ToString());
        SyscallFormatter.FormatExiting(sb, Call("read"), args, 3, _mem, X86);
        SyscallFormatter.FormatResult(sb, Call("read"), 3, X86);
        Assert.Equal("read(3, \"vm\\n\", 200) = 3", sb.ToString());
    }

    [Fact]
    public void Failed_read_prints_the_buffer_address()
    {
        Line("read(9, 0x7ffd00001000, 10) = -1 EBADF (Bad file descriptor)", _mem, "read", -9, 9, 0x7ffd00001000, 10);
    }

    [Fact]
    public void Call_without_exit_prints_outputs_as_addresses()
    {
        var sb = new StringBuilder();
        SyscallFormatter.FormatCall(sb, Call("read"), [3, 0x7ffd00001000, 200], _mem, X86);
        Assert.Equal("read(3, 0x7ffd00001000, 200)", sb.ToString());
    }

    [Fact]
    public void Write_escapes_like_strace_and_cuts_at_32()
    {
        string data = "hello\tworld\n\x01\x7f\xff\"\\ end of a long long long string that is cut";
        ulong buf = _mem.Bytes(data);
        Line("write(1, \"hello\\tworld\\n\\1\\177\\377\\\"\\\\ end of a long \"..., 60) = 60", _mem, "write", 60, 1, buf, 60);
    }

    [Fact]
    public void Close_and_fd_paths_with_y()
    {
        Line("close(3) = 0", _mem, "close", 0, 3);
        var opt = new DecodeOptions { Arch = Sysgate.Native.Arch.X86_64, FdPathResolver = fd => fd == 3 ? "/etc/hostname" : null };
        ulong buf = _mem.Bytes("vm\n");
        Assert.Equal("read(3</etc/hostname>, \"vm\\n\", 200) = 3", SyscallFormatter.Format(Call("read"), [3, buf, 200], 3, _mem, opt));
        Assert.Equal("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 3</etc/hostname>",
            SyscallFormatter.Format(Call("openat"), [Neg(-100), _mem.String("/etc/hostname"), 0, 0], 3, _mem, opt));
    }

    [Fact]
    public void Newfstatat_regular_file_and_char_device()
    {
        var st = new byte[144];
        BitConverter.TryWriteBytes(st.AsSpan(24), 0x81ed); // S_IFREG|0755
        BitConverter.TryWriteBytes(st.AsSpan(48), 3L);
        Line("newfstatat(AT_FDCWD, \"/etc/hostname\", {st_mode=S_IFREG|0755, st_size=3, ...}, 0) = 0",
            _mem, "newfstatat", 0, Neg(-100), _mem.String("/etc/hostname"), _mem.Put(st), 0);

        var dev = new byte[144];
        BitConverter.TryWriteBytes(dev.AsSpan(24), 0x21b6); // S_IFCHR|0666
        BitConverter.TryWriteBytes(dev.AsSpan(40), 0x103UL); // makedev(1, 3)
        Line("newfstatat(0, \"\", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}, AT_EMPTY_PATH) = 0",
            _mem, "newfstatat", 0, 0, _mem.String(""), _mem.Put(dev), 0x1000);
    }

    [Fact]
    public void Fstat_on_x86_64_and_aarch64_layouts()
    {
        var x86 = new byte[144];
        BitConverter.TryWriteBytes(x86.AsSpan(24), 0x81a4); // st_mode at 24 on x86_64
        BitConverter.TryWriteBytes(x86.AsSpan(48), 3L);
        Line("fstat(3, {st_mode=S_IFREG|0644, st_size=3, ...}) = 0", _mem, "fstat", 0, 3, _mem.Put(x86));

        var a64 = new byte[144];
        BitConverter.TryWriteBytes(a64.AsSpan(16), 0x41ed); // st_mode at 16 in asm-generic struct stat
        BitConverter.TryWriteBytes(a64.AsSpan(48), 4096L);
        var sb = new StringBuilder();
        SyscallFormatter.Format(sb, Call("fstat"), [3, _mem.Put(a64)], 0, _mem, A64);
        Assert.Equal("fstat(3, {st_mode=S_IFDIR|0755, st_size=4096, ...}) = 0", sb.ToString());
    }

    [Fact]
    public void Fstat_failed_shows_address()
    {
        Line("fstat(99, 0x7ffd00009000) = -1 EBADF (Bad file descriptor)", _mem, "fstat", -9, 99, 0x7ffd00009000);
    }

    [Fact]
    public void Lseek_umask_access_chmod_dup3()
    {
        Line("lseek(0, 0, SEEK_CUR) = 0", _mem, "lseek", 0, 0, 0, 1);
        Line("umask(022) = 022", _mem, "umask", 0x12, 0x12);
        Line("access(\"/etc/passwd\", R_OK|W_OK) = 0", _mem, "access", 0, _mem.String("/etc/passwd"), 6);
        Line("access(\"/x\", F_OK) = -1 ENOENT (No such file or directory)", _mem, "access", -2, _mem.String("/x"), 0);
        Line("chmod(\"/nonexistent\", 000) = -1 ENOENT (No such file or directory)", _mem, "chmod", -2, _mem.String("/nonexistent"), 0);
        Line("dup3(5, 10, O_CLOEXEC) = 10", _mem, "dup3", 10, 5, 10, 0x80000);
        Line("mknodat(AT_FDCWD, \"/tmp/f\", S_IFIFO|0600) = 0", _mem, "mknodat", 0, Neg(-100), _mem.String("/tmp/f"), 0x1180, 0);
    }

    [Fact]
    public void Fcntl_by_command()
    {
        Line("fcntl(5, F_GETFD) = 0x1 (flags FD_CLOEXEC)", _mem, "fcntl", 1, 5, 1, 0);
        Line("fcntl(5, F_SETFD, FD_CLOEXEC) = 0", _mem, "fcntl", 0, 5, 2, 1);
        Line("fcntl(5, F_SETFL, O_RDONLY|O_NONBLOCK) = 0", _mem, "fcntl", 0, 5, 4, 0x800);
        Line("fcntl(5, F_GETFL) = 0x8002 (flags O_RDWR|O_LARGEFILE)", _mem, "fcntl", 0x8002, 5, 3, 0);
        Line("fcntl(3, F_DUPFD_CLOEXEC, 10) = 10", _mem, "fcntl", 10, 3, 1030, 10);
    }

    [Fact]
    public void Ioctl_generic()
    {
        Line("ioctl(1, TCGETS, 0x7ffdcac6fa60) = -1 ENOTTY (Inappropriate ioctl for device)", _mem, "ioctl", -25, 1, 0x5401, 0x7ffdcac6fa60);
        Line("ioctl(3, _IOC(_IOC_NONE, 0x12, 0x34, 0), 0) = -1 ENOTTY (Inappropriate ioctl for device)", _mem, "ioctl", -25, 3, 0x1234, 0);
        Line("ioctl(4, TIOCGWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}) = 0", _mem, "ioctl", 0, 4, 0x5413, _mem.Pointers(24 | (80 << 16)));
        Line("ioctl(3, FIONREAD, [0]) = 0", _mem, "ioctl", 0, 3, 0x541b, _mem.Int(0));
        Line("ioctl(3, FIONBIO, [1]) = 0", _mem, "ioctl", 0, 3, 0x5421, _mem.Int(1));
        Line("ioctl(3, FIOCLEX) = 0", _mem, "ioctl", 0, 3, 0x5451, 0);
        Line("ioctl(4, TIOCGPGRP, 0x7ffe498beb94) = -1 ENOTTY (Inappropriate ioctl for device)", _mem, "ioctl", -25, 4, 0x540f, 0x7ffe498beb94);
    }

    [Fact]
    public void Getcwd_and_readlink_outputs()
    {
        Line("getcwd(\"/root\", 4096) = 6", _mem, "getcwd", 6, _mem.String("/root"), 4096);
        Line("readlink(\"/proc/self/exe\", \"/usr/bin/true\", 4096) = 13",
            _mem, "readlink", 13, _mem.String("/proc/self/exe"), _mem.Bytes("/usr/bin/true????"), 4096);
    }

    [Fact]
    public void Getdents64_and_unreadable_path()
    {
        Line("getdents64(3, 0x7ffd00005000, 32768) = 48", _mem, "getdents64", 48, 3, 0x7ffd00005000, 32768);
        Line("unlink(0x1234) = -1 EFAULT (Bad address)", _mem, "unlink", -14, 0x1234);
        Line("unlink(NULL) = -1 EFAULT (Bad address)", _mem, "unlink", -14, 0);
    }

    [Fact]
    public void Paths_are_not_cut_but_strings_are()
    {
        string longPath = "/" + new string('a', 60);
        Line($"unlink(\"{longPath}\") = 0", _mem, "unlink", 0, _mem.String(longPath));
        Line("removexattr(\"/f\", \"user.aaaaaaaaaaaaaaaaaaaaaaaaaaa\"...) = 0",
            _mem, "removexattr", 0, _mem.String("/f"), _mem.String("user." + new string('a', 40)));
    }
}
