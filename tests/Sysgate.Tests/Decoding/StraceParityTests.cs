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
}
