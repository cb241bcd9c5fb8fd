using Sysgate.Interception.Bpf;
using Sysgate.Native;
using Sysgate.Native.Seccomp;

namespace Sysgate.Tests.Interception.Bpf;

public class SeccompProgramBuilderTests
{
    private const int Openat = Sysno.X86_64.openat, Getppid = Sysno.X86_64.getppid, Read = Sysno.X86_64.read;

    private static SockFilter[] Program(Arch arch, params int[] interest) =>
        new SeccompProgramBuilder(arch).Add(interest, SeccompAction.UserNotif).Build();

    [Theory]
    [InlineData(AuditArch.I386)]
    [InlineData(AuditArch.Arm)]
    [InlineData(AuditArch.Aarch64)]
    [InlineData(0u)]
    public void Foreign_architecture_is_killed_never_allowed(uint foreign)
    {
        var program = Program(Arch.X86_64, Openat);
        foreach (int nr in new[] { Read, Openat, 11 /* i386 munmap */, 5 /* i386 open */ })
            Assert.Equal(SeccompAction.KillProcess.Value, ClassicBpfInterpreter.Run(program, nr, foreign));
    }

    [Fact]
    public void Foreign_architecture_is_killed_on_aarch64_too()
    {
        var program = Program(Arch.Aarch64, Sysno.Aarch64.openat);
        Assert.Equal(SeccompAction.KillProcess.Value, ClassicBpfInterpreter.Run(program, 56, AuditArch.Arm));
        Assert.Equal(SeccompAction.KillProcess.Value, ClassicBpfInterpreter.Run(program, 56, AuditArch.X86_64));
        Assert.Equal(SeccompAction.UserNotif.Value, ClassicBpfInterpreter.Run(program, 56, AuditArch.Aarch64));
    }

    [Fact]
    public void X32_calls_are_refused()
    {
        var program = Program(Arch.X86_64, Openat);
        uint x32 = AuditArch.X32SyscallBit;
        Assert.Equal(SeccompAction.Errno(Errno.ENOSYS).Value, ClassicBpfInterpreter.Run(program, (int)(x32 | Openat), AuditArch.X86_64));
        Assert.Equal(SeccompAction.Errno(Errno.ENOSYS).Value, ClassicBpfInterpreter.Run(program, (int)(x32 | 0), AuditArch.X86_64));
        Assert.Equal(SeccompAction.Errno(Errno.ENOSYS).Value, ClassicBpfInterpreter.Run(program, unchecked((int)0xffffffff), AuditArch.X86_64));

        var killing = new SeccompProgramBuilder(Arch.X86_64) { X32Action = SeccompAction.KillProcess }.Build();
        Assert.Equal(SeccompAction.KillProcess.Value, ClassicBpfInterpreter.Run(killing, (int)(x32 | 1), AuditArch.X86_64));
    }

    [Fact]
    public void Interest_set_is_notified_everything_else_allowed()
    {
        var program = Program(Arch.X86_64, Openat, Getppid, 2, 3, 4);
        var interest = new HashSet<int> { Openat, Getppid, 2, 3, 4 };
        for (int nr = 0; nr < 1024; nr++)
        {
            uint expected = interest.Contains(nr) ? SeccompAction.UserNotif.Value : SeccompAction.Allow.Value;
            Assert.Equal(expected, ClassicBpfInterpreter.Run(program, nr, AuditArch.X86_64));
        }
    }

    [Fact]
    public void Empty_interest_set_allows_everything_of_the_right_arch()
    {
        var program = Program(Arch.X86_64);
        Assert.Equal(SeccompAction.Allow.Value, ClassicBpfInterpreter.Run(program, Openat, AuditArch.X86_64));
        Assert.Equal(SeccompAction.KillProcess.Value, ClassicBpfInterpreter.Run(program, Openat, AuditArch.I386));
    }

    [Theory]
    [InlineData(1)] // all numbers contiguous: a handful of ranges
    [InlineData(2)] // every other number: 460 separate singletons, the worst case for the tree
    [InlineData(7)]
    public void Large_sets_stay_within_kernel_limits_and_are_exact(int stride)
    {
        var interest = Enumerable.Range(0, 460).Select(i => i * stride).ToHashSet();
        var program = Program(Arch.X86_64, [.. interest]);
        Assert.InRange(program.Length, 1, 2000);
        for (int nr = 0; nr < 460 * stride + 10; nr++)
        {
            uint expected = interest.Contains(nr) ? SeccompAction.UserNotif.Value : SeccompAction.Allow.Value;
            Assert.Equal(expected, ClassicBpfInterpreter.Run(program, nr, AuditArch.X86_64));
        }
    }

    [Fact]
    public void Long_left_subtrees_are_chained_with_ja()
    {
        // Alternating actions defeat range merging; 3000 distinct ranges force subtrees longer than 255.
        var builder = new SeccompProgramBuilder(Arch.Aarch64);
        for (int nr = 0; nr < 1200; nr++)
            builder.Add(nr, nr % 2 == 0 ? SeccompAction.UserNotif : SeccompAction.Errno(1 + nr % 100));
        var program = builder.Build();
        Assert.Contains(program, i => i.Code == (BpfOp.JMP | BpfOp.JA));
        for (int nr = 0; nr < 1210; nr++)
        {
            uint expected = nr >= 1200 ? SeccompAction.Allow.Value
                : nr % 2 == 0 ? SeccompAction.UserNotif.Value : SeccompAction.Errno(1 + nr % 100).Value;
            Assert.Equal(expected, ClassicBpfInterpreter.Run(program, nr, AuditArch.Aarch64));
        }
    }

    [Fact]
    public void Mixed_actions_and_default()
    {
        var program = new SeccompProgramBuilder(Arch.X86_64) { DefaultAction = SeccompAction.Errno(Errno.EPERM) }
            .Add([Read, 1, 60], SeccompAction.Allow)
            .Add(Openat, SeccompAction.UserNotif)
            .Add(59, SeccompAction.KillProcess)
            .Build();
        Assert.Equal(SeccompAction.Allow.Value, ClassicBpfInterpreter.Run(program, 1, AuditArch.X86_64));
        Assert.Equal(SeccompAction.UserNotif.Value, ClassicBpfInterpreter.Run(program, Openat, AuditArch.X86_64));
        Assert.Equal(SeccompAction.KillProcess.Value, ClassicBpfInterpreter.Run(program, 59, AuditArch.X86_64));
        Assert.Equal(SeccompAction.Errno(Errno.EPERM).Value, ClassicBpfInterpreter.Run(program, 2, AuditArch.X86_64));
    }

    [Fact]
    public void Too_many_instructions_is_an_actionable_error()
    {
        var builder = new SeccompProgramBuilder(Arch.Aarch64);
        for (int nr = 0; nr < 8000; nr++)
            builder.Add(nr, nr % 2 == 0 ? SeccompAction.UserNotif : SeccompAction.Log);
        var ex = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains("4096", ex.Message);
    }

    [Fact]
    public void Action_values_match_linux_seccomp_h()
    {
        Assert.Equal(0x7fff0000u, SeccompAction.Allow.Value);
        Assert.Equal(0x7fc00000u, SeccompAction.UserNotif.Value);
        Assert.Equal(0x80000000u, SeccompAction.KillProcess.Value);
        Assert.Equal(0x00050026u, SeccompAction.Errno(Errno.ENOSYS).Value);
        Assert.Equal(0x7ff00007u, SeccompAction.Trace(7).Value);
        Assert.Equal("ERRNO(38)", SeccompAction.Errno(38).ToString());
    }
}
