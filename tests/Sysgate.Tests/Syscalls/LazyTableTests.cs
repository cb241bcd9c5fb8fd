using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Tests.Syscalls;

/// <summary>
/// The table's constant data (number indexes, class bits, the name switch) and the entries built on demand
/// must agree, and on-demand building must hand every caller the same instance.
/// </summary>
public class LazyTableTests
{
    [Fact]
    public void Constant_indexes_agree_with_the_built_entries()
    {
        for (int id = 0; id < SyscallTable.Count; id++)
        {
            var s = SyscallTable.Get(id);
            Assert.Equal(id, s.Id);
            Assert.Equal(s.Classes, SyscallTable.ClassesOf(id));
            Assert.True(SyscallTable.TryGetByName(s.Name, out var byName));
            Assert.Same(s, byName);
            foreach (var arch in new[] { Arch.X86_64, Arch.Aarch64 })
            {
                int n = s.NumberOn(arch);
                Assert.Equal(n, SyscallTable.NumberOf(id, arch));
                if (n >= 0)
                {
                    Assert.True(SyscallTable.Exists(arch, n));
                    Assert.Same(s, SyscallTable.Lookup(arch, n));
                }
            }
        }
    }

    [Fact]
    public void Every_number_up_to_the_max_is_either_a_known_call_or_nothing()
    {
        foreach (var arch in new[] { Arch.X86_64, Arch.Aarch64 })
        {
            for (int n = -1; n <= SyscallTable.MaxNumber(arch) + 1; n++)
                Assert.Equal(SyscallTable.Exists(arch, n), SyscallTable.Lookup(arch, n) is not null);
            Assert.False(SyscallTable.Exists(arch, 100_000));
        }
        Assert.False(SyscallTable.TryGetByName("no_such_call", out _));
    }

    [Fact]
    public void Threads_building_the_same_entries_at_once_get_one_instance_each()
    {
        // A fresh table cannot be had inside one test process, but ids built by no other test so far are
        // likely; either way every thread must see the same object per id.
        var seen = new SyscallInfo[8][];
        Parallel.For(0, seen.Length, t =>
        {
            var mine = new SyscallInfo[SyscallTable.Count];
            for (int i = 0; i < mine.Length; i++)
                mine[(i + t * 47) % mine.Length] = SyscallTable.Get((i + t * 47) % mine.Length);
            seen[t] = mine;
        });
        for (int id = 0; id < SyscallTable.Count; id++)
            foreach (var mine in seen)
                Assert.Same(seen[0][id], mine[id]);
    }

    [Fact]
    public void Flag_sets_are_one_instance_whichever_way_they_are_reached()
    {
        Assert.True(FlagSets.TryGet("open", out var byName));
        Assert.Same(FlagSets.Open, byName);
        Assert.True(SyscallTable.TryGetByName("openat", out var openat));
        Assert.Same(FlagSets.Open, openat.Args[2].Set);
        Assert.False(FlagSets.TryGet("no_such_set", out _));
    }
}
