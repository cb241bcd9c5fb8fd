using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Tests.Syscalls;

public class SyscallTableTests
{
    [Fact]
    public void Names_are_unique_and_numbers_unique_per_arch()
    {
        Assert.Equal(SyscallTable.All.Count, SyscallTable.All.Select(s => s.Name).Distinct().Count());
        foreach (var arch in new[] { Arch.X86_64, Arch.Aarch64 })
        {
            var numbers = SyscallTable.All.Select(s => s.NumberOn(arch)).Where(n => n >= 0).ToList();
            Assert.Equal(numbers.Count, numbers.Distinct().Count());
        }
    }

    [Theory]
    [InlineData("read", 0, 63)]
    [InlineData("write", 1, 64)]
    [InlineData("openat", 257, 56)]
    [InlineData("close", 3, 57)]
    [InlineData("execve", 59, 221)]
    [InlineData("clone", 56, 220)]
    [InlineData("exit_group", 231, 94)]
    [InlineData("newfstatat", 262, 79)]
    [InlineData("fstat", 5, 80)]
    [InlineData("mmap", 9, 222)]
    [InlineData("socket", 41, 198)]
    [InlineData("connect", 42, 203)]
    [InlineData("rt_sigaction", 13, 134)]
    [InlineData("seccomp", 317, 277)]
    [InlineData("pidfd_open", 434, 434)]
    [InlineData("clone3", 435, 435)]
    [InlineData("landlock_restrict_self", 446, 446)]
    [InlineData("set_mempolicy_home_node", 450, 450)]
    [InlineData("cachestat", 451, 451)]
    [InlineData("fchmodat2", 452, 452)]
    [InlineData("map_shadow_stack", 453, 453)]
    [InlineData("futex_wake", 454, 454)]
    [InlineData("futex_requeue", 456, 456)]
    [InlineData("statmount", 457, 457)]
    [InlineData("listmount", 458, 458)]
    [InlineData("lsm_list_modules", 461, 461)]
    [InlineData("mseal", 462, 462)]
    [InlineData("setxattrat", 463, 463)]
    [InlineData("removexattrat", 466, 466)]
    [InlineData("open_tree_attr", 467, 467)]
    [InlineData("file_getattr", 468, 468)]
    [InlineData("file_setattr", 469, 469)]
    [InlineData("listns", 470, 470)]
    [InlineData("open", 2, -1)]
    [InlineData("fork", 57, -1)]
    [InlineData("arch_prctl", 158, -1)]
    [InlineData("uretprobe", 335, -1)]
    [InlineData("renameat", 264, 38)]
    public void Known_numbers(string name, int x86, int a64)
    {
        Assert.True(SyscallTable.TryGetByName(name, out var info));
        Assert.Equal(x86, info.NumberX86_64);
        Assert.Equal(a64, info.NumberAarch64);
        Assert.Equal(a64, SyscallTable.NumberOf(info, Arch.Aarch64));
        Assert.Same(info, SyscallTable.Lookup(Arch.X86_64, x86));
        if (a64 >= 0) Assert.Same(info, SyscallTable.Lookup(Arch.Aarch64, a64));
    }

    [Fact]
    public void Generated_constants_match_the_table()
    {
        Assert.Equal(257, Sysno.X86_64.openat);
        Assert.Equal(56, Sysno.Aarch64.openat);
        Assert.Equal(470, Sysno.X86_64.Max);
        Assert.Equal(Sysno.X86_64.Max, SyscallTable.MaxNumber(Arch.X86_64));
    }

    [Fact]
    public void Every_x86_64_number_is_present_except_the_reserved_gap()
    {
        // 337..423 are unused on x86_64 ("don't use numbers 387 through 423"; 337..386 never assigned).
        for (int n = 0; n <= SyscallTable.MaxNumber(Arch.X86_64); n++)
        {
            bool hole = n is >= 337 and <= 423;
            Assert.True(hole == (SyscallTable.Lookup(Arch.X86_64, n) is null), $"x86_64 {n}");
        }
    }

    [Fact]
    public void Every_aarch64_number_is_present_except_the_arch_range_and_the_gap()
    {
        // 244..259 are the per-arch range (empty on arm64); 295..423 were never assigned in asm-generic.
        for (int n = 0; n <= SyscallTable.MaxNumber(Arch.Aarch64); n++)
        {
            bool hole = n is >= 244 and <= 259 or >= 295 and <= 423;
            Assert.True(hole == (SyscallTable.Lookup(Arch.Aarch64, n) is null), $"aarch64 {n}");
        }
    }

    [Fact]
    public void Lookup_out_of_range_is_null()
    {
        Assert.Null(SyscallTable.Lookup(Arch.X86_64, -1));
        Assert.Null(SyscallTable.Lookup(Arch.X86_64, 100000));
        Assert.Null(SyscallTable.Lookup(Arch.Aarch64, 1024));
        Assert.False(SyscallTable.TryGetByName("no_such_call", out _));
    }

    [Theory]
    [InlineData("openat", SyscallClass.File | SyscallClass.Desc)]
    [InlineData("open", SyscallClass.File | SyscallClass.Desc)]
    [InlineData("connect", SyscallClass.Network)]
    [InlineData("execve", SyscallClass.File | SyscallClass.Process)]
    [InlineData("kill", SyscallClass.Signal | SyscallClass.Process)]
    [InlineData("mmap", SyscallClass.Memory | SyscallClass.Desc)]
    [InlineData("getpid", SyscallClass.Pure)]
    [InlineData("setuid", SyscallClass.Creds)]
    [InlineData("clock_gettime", SyscallClass.Clock)]
    [InlineData("shmget", SyscallClass.Ipc)]
    [InlineData("fstat", SyscallClass.Fstat | SyscallClass.Desc)]
    [InlineData("statfs", SyscallClass.StatFs | SyscallClass.File)]
    [InlineData("statx", SyscallClass.Desc | SyscallClass.File | SyscallClass.Fstat)] // strace: TD|TF|TFST, not %stat
    [InlineData("prctl", SyscallClass.Creds)]
    [InlineData("io_uring_enter", SyscallClass.Desc | SyscallClass.Signal)]
    public void Classes(string name, SyscallClass expected)
    {
        Assert.True(SyscallTable.TryGetByName(name, out var info));
        Assert.Equal(expected, info.Classes);
        foreach (SyscallClass bit in Enum.GetValues<SyscallClass>())
        {
            if (bit != 0 && (expected & bit) == bit && System.Numerics.BitOperations.PopCount((uint)bit) == 1)
                Assert.Contains(info, SyscallTable.InClass(bit));
        }
    }

    [Fact]
    public void Class_sets_have_the_expected_members()
    {
        var network = SyscallTable.InClass(SyscallClass.Network).Select(s => s.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "socket", "connect", "accept", "accept4", "bind", "listen", "sendto", "recvmsg", "socketpair" }, network);
        Assert.DoesNotContain("read", network);
        var clock = SyscallTable.InClass(SyscallClass.Clock).Select(s => s.Name).ToHashSet();
        Assert.Equal(new HashSet<string> { "gettimeofday", "adjtimex", "settimeofday", "time", "clock_settime", "clock_gettime", "clock_getres", "clock_adjtime" }, clock);
        Assert.Equal(SyscallClass.None, SyscallTable.All.Single(s => s.Name == "close_range").Classes);
        var stat = SyscallTable.InClass(SyscallClass.StatLike).Select(s => s.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "stat", "lstat", "fstat", "newfstatat", "statx" }, stat);
    }

    [Fact]
    public void Signatures_are_rich_enough_to_decode()
    {
        Assert.True(SyscallTable.TryGetByName("openat", out var openat));
        Assert.Equal(new[] { ArgKind.DirFd, ArgKind.Path, ArgKind.Flags, ArgKind.Mode }, openat.Args.Select(a => a.Kind));
        Assert.Equal("open", openat.Args[2].SetName);
        Assert.Equal(ReturnKind.Fd, openat.Returns);
        Assert.False(openat.HasOutputArgs);

        Assert.True(SyscallTable.TryGetByName("read", out var read));
        Assert.Equal(ArgKind.OutBuffer, read.Args[1].Kind);
        Assert.Equal(2, read.Args[1].LengthArg);
        Assert.Equal(1, read.FirstOutputArg);

        Assert.True(SyscallTable.TryGetByName("fstat", out var fstat));
        Assert.Equal("stat", fstat.Args[1].StructName);
        Assert.True(fstat.Args[1].IsOutput);

        Assert.True(SyscallTable.TryGetByName("exit_group", out var exit));
        Assert.Equal(ReturnKind.NoReturn, exit.Returns);
    }

    [Fact]
    public void Every_length_argument_index_is_in_range()
    {
        foreach (var s in SyscallTable.All)
        {
            Assert.True(s.Args.Count <= 6, s.Name);
            foreach (var a in s.Args)
            {
                if (a.Kind is ArgKind.InBuffer or ArgKind.OutBuffer or ArgKind.IoVec or ArgKind.OutIoVec or ArgKind.SockAddr or ArgKind.OutSockAddr or ArgKind.OutString)
                    Assert.InRange(a.LengthArg, 0, s.Args.Count - 1);
                if (a.Kind is ArgKind.Flags or ArgKind.Enum) Assert.NotNull(a.Set);
            }
        }
    }
}
