using Sysgate.Interception.Bpf;
using Sysgate.Native;
using Sysgate.Native.Seccomp;

namespace Sysgate.Tests.Interception.Bpf;

public class CodeRangeExemptionTests
{
    private const ulong Start = 0x7f48d532a000, End = 0x7f48d5480000;

    private static SockFilter[] Program() => new SeccompProgramBuilder(Arch.X86_64)
        .ExemptCodeRange(Start, End, [59, 322], SeccompAction.UserNotif)
        .Add([0, 1, 3, 59, 231, 257], SeccompAction.Trace())
        .Build();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(257)]
    public void Calls_of_interest_from_elsewhere_trace(int nr)
    {
        foreach (ulong ip in new ulong[] { 0x7f11_0000_1000, Start - 1, End, 0x7f48_0000_0000, 0x5555_0000_1000 })
            Assert.Equal(SeccompConstants.RET_TRACE, ClassicBpfInterpreter.Run(Program(), nr, AuditArch.X86_64, ip));
    }

    [Fact]
    public void Calls_of_interest_and_exec_from_inside_the_range_notify()
    {
        foreach (ulong ip in new ulong[] { Start, Start + 0x100, End - 1 })
        {
            Assert.Equal(SeccompConstants.RET_USER_NOTIF, ClassicBpfInterpreter.Run(Program(), 0, AuditArch.X86_64, ip));
            Assert.Equal(SeccompConstants.RET_USER_NOTIF, ClassicBpfInterpreter.Run(Program(), 257, AuditArch.X86_64, ip));
            Assert.Equal(SeccompConstants.RET_USER_NOTIF, ClassicBpfInterpreter.Run(Program(), 322, AuditArch.X86_64, ip));
        }
    }

    [Fact]
    public void Exec_numbers_not_of_interest_are_allowed_from_elsewhere()
    {
        Assert.Equal(SeccompConstants.RET_ALLOW, ClassicBpfInterpreter.Run(Program(), 322, AuditArch.X86_64, 0x5555_0000_1000));
    }

    [Fact]
    public void Uninteresting_calls_are_allowed_everywhere_without_an_address_check()
    {
        foreach (ulong ip in new ulong[] { Start + 0x100, 0x5555_0000_1000 })
            Assert.Equal(SeccompConstants.RET_ALLOW, ClassicBpfInterpreter.Run(Program(), 39, AuditArch.X86_64, ip));
    }

    [Fact]
    public void Large_interest_sets_still_patch_every_block_jump()
    {
        var all = Enumerable.Range(0, 460).Where(n => n % 3 != 0).ToArray();
        var program = new SeccompProgramBuilder(Arch.X86_64).ExemptCodeRange(Start, End, [59, 322], SeccompAction.UserNotif)
            .Add(all, SeccompAction.Trace()).Build();
        foreach (int nr in all)
        {
            Assert.Equal(SeccompConstants.RET_TRACE, ClassicBpfInterpreter.Run(program, nr, AuditArch.X86_64, 0x5555_0000_1000));
            Assert.Equal(SeccompConstants.RET_USER_NOTIF, ClassicBpfInterpreter.Run(program, nr, AuditArch.X86_64, Start + 8));
        }
        Assert.Equal(SeccompConstants.RET_ALLOW, ClassicBpfInterpreter.Run(program, 3, AuditArch.X86_64, Start + 8));
    }

    [Fact]
    public void Foreign_arch_is_still_killed_first()
    {
        Assert.Equal(SeccompConstants.RET_KILL_PROCESS, ClassicBpfInterpreter.Run(Program(), 59, AuditArch.I386, Start + 1));
    }

    [Fact]
    public void An_override_changes_only_the_in_range_answer_of_its_numbers()
    {
        // The ptrace backend's use: rt_sigaction (13) and rt_sigprocmask (14) from our libc are allowed in the
        // filter (posix_spawn's child resets every signal disposition) instead of a listener round trip each.
        var program = new SeccompProgramBuilder(Arch.X86_64)
            .ExemptCodeRange(Start, End, [59, 322], SeccompAction.UserNotif)
            .ExemptCodeRangeOverride([13, 14], SeccompAction.Allow)
            .Add([0, 1, 3, 13, 14, 59, 231, 257], SeccompAction.Trace())
            .Build();
        foreach (int nr in new[] { 13, 14 })
        {
            Assert.Equal(SeccompConstants.RET_ALLOW, ClassicBpfInterpreter.Run(program, nr, AuditArch.X86_64, Start + 8));
            Assert.Equal(SeccompConstants.RET_TRACE, ClassicBpfInterpreter.Run(program, nr, AuditArch.X86_64, 0x5555_0000_1000));
        }
        foreach (int nr in new[] { 0, 1, 3, 59, 257 })
            Assert.Equal(SeccompConstants.RET_USER_NOTIF, ClassicBpfInterpreter.Run(program, nr, AuditArch.X86_64, Start + 8));
        Assert.Equal(SeccompConstants.RET_ALLOW, ClassicBpfInterpreter.Run(program, 39, AuditArch.X86_64, Start + 8));
    }

    [Fact]
    public void An_override_needs_a_range()
    {
        Assert.Throws<InvalidOperationException>(() =>
            new SeccompProgramBuilder(Arch.X86_64).ExemptCodeRangeOverride([13], SeccompAction.Allow));
    }

    [Fact]
    public void The_loaders_libc_range_is_the_kernels_mapping()
    {
        // Find asks dl_iterate_phdr; /proc/self/maps is the kernel's own view of the same mapping.
        var fromLoader = Sysgate.Interception.Ptrace.LibcTextRange.Find();
        var fromMaps = Sysgate.Interception.Ptrace.LibcTextRange.FromProcMaps();
        Assert.Equal(fromMaps, fromLoader);
        Assert.True(fromLoader.End - fromLoader.Start > 0x10000);
    }

    [Fact]
    public void A_range_across_a_4_GiB_boundary_is_checked_on_both_sides()
    {
        // libc's text can straddle a 4 GiB boundary (seen: 0x7fa7ffffe000-0x7fa800154000); sysgate trace used to
        // refuse to start then.
        const ulong start = 0x7fa7_ffff_e000, end = 0x7fa8_0015_4000;
        var program = new SeccompProgramBuilder(Arch.X86_64)
            .ExemptCodeRange(start, end, [59], SeccompAction.UserNotif)
            .Add([0], SeccompAction.Trace())
            .Build();
        foreach (ulong ip in new ulong[] { start, start + 0x1fff, 0x7fa8_0000_0000, end - 1 })
            Assert.Equal(SeccompConstants.RET_USER_NOTIF, ClassicBpfInterpreter.Run(program, 0, AuditArch.X86_64, ip));
        foreach (ulong ip in new ulong[] { start - 1, end, 0x7fa7_0000_0000, 0x7fa8_ffff_f000, 0x7fa9_0000_1000, 0x7fa6_ffff_f000, 0x5555_0000_1000 })
            Assert.Equal(SeccompConstants.RET_TRACE, ClassicBpfInterpreter.Run(program, 0, AuditArch.X86_64, ip));
        Assert.Equal(SeccompConstants.RET_ALLOW, ClassicBpfInterpreter.Run(program, 59, AuditArch.X86_64, end));
    }

    [Fact]
    public void A_range_over_more_than_two_windows_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new SeccompProgramBuilder(Arch.X86_64).ExemptCodeRange(0x7fa7_ffff_e000, 0x7fa9_0000_1000, [59], SeccompAction.UserNotif));
    }
}
