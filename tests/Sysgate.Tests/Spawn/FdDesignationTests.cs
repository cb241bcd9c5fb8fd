using Sysgate.Native.Interop;
using Sysgate.Spawn;
using static Sysgate.Tests.Spawn.ChildFdProbe;

namespace Sysgate.Tests.Spawn;

/// <summary>The child gets exactly the designated fds, each referring to what was designated.</summary>
[Collection(InheritableFdsCollection.Name)]
public class FdDesignationTests
{
    [Fact]
    public void Stdio_identity_passes_exactly_0_1_2()
    {
        var fds = Fds(FdMap.Stdio());
        Assert.Equal([0, 1, 2], fds.Keys.Order());
        for (int fd = 0; fd <= 2; fd++) Assert.Equal(Target(fd), fds[fd]);
    }

    [Fact]
    public void InheritedStdio_takes_only_open_non_cloexec_0_1_2()
    {
        var expected = Enumerable.Range(0, 3).Where(fd => Libc.Fcntl(fd, Sysgate.Native.FcntlConst.F_GETFD, 0) is >= 0 and var f
            && (f & Sysgate.Native.FcntlConst.FD_CLOEXEC) == 0).ToArray();
        Assert.Equal(expected, FdMap.InheritedStdio().Entries.Select(e => e.Key));
        Assert.All(FdMap.InheritedStdio().Entries, e => Assert.Equal(e.Key, e.Value.ParentFd));
    }

    [Fact]
    public void Undesignated_inheritable_parent_fd_does_not_reach_the_child()
    {
        using var temp = new TempFds();
        int leaky = temp.Open(cloexec: false);
        int leakyHigh = Libc.Fcntl(leaky, Sysgate.Native.FcntlConst.F_DUPFD, 700);  // non-CLOEXEC too
        try
        {
            Assert.False(IsCloexec(leaky));
            var fds = Fds(FdMap.Stdio());
            Assert.Equal([0, 1, 2], fds.Keys.Order());
            Assert.DoesNotContain(Target(leaky), fds.Values);
        }
        finally { Libc.Close(leakyHigh); }
    }

    [Fact]
    public void Swap_and_cycle_give_each_child_fd_the_designated_source()
    {
        using var temp = new TempFds();
        int a = temp.Open(), b = temp.Open(), c = temp.Open();
        // Child numbers equal to other designated parent fds: a cycle a<-b<-c<-a, then a swap a<->b.
        var fds = Fds(FdMap.Stdio().Map(a, b).Map(b, c).Map(c, a));
        Assert.Equal(Target(b), fds[a]);
        Assert.Equal(Target(c), fds[b]);
        Assert.Equal(Target(a), fds[c]);
        Assert.True(6 == fds.Count, string.Join("; ", fds.Select(kv => $"{kv.Key}={kv.Value}")) + $" a={a} b={b} c={c}");

        var swapped = Fds(FdMap.Stdio().Map(a, b).Map(b, a));
        Assert.Equal(5, swapped.Count);
        Assert.Equal(Target(b), swapped[a]);
        Assert.Equal(Target(a), swapped[b]);
    }

    [Fact]
    public void One_parent_fd_can_back_two_child_fds()
    {
        using var temp = new TempFds();
        int a = temp.Open();
        var fds = Fds(FdMap.Stdio().Map(3, a).Map(7, a));
        Assert.Equal([0, 1, 2, 3, 7], fds.Keys.Order());
        Assert.Equal(Target(a), fds[3]);
        Assert.Equal(Target(a), fds[7]);
    }

    [Fact]
    public void Child_fd_above_the_parents_highest_fd()
    {
        using var temp = new TempFds();
        int a = temp.Open();
        var fds = Fds(FdMap.Stdio().Map(1000, a));
        Assert.Equal([0, 1, 2, 1000], fds.Keys.Order());
        Assert.Equal(Target(a), fds[1000]);
    }

    [Fact]
    public void Stdio_can_be_remapped_or_closed_on_purpose()
    {
        using var temp = new TempFds();
        int a = temp.Open();
        var fds = Fds(FdMap.Empty().Map(1, a).Map(2, 1));
        Assert.Equal([1, 2], fds.Keys.Order());
        Assert.Equal(Target(a), fds[1]);
        Assert.Equal(Target(1), fds[2]);

        Assert.Empty(Fds(FdMap.Empty()));
        Assert.Equal([0, 2], Fds(FdMap.Stdio().Close(1)).Keys.Order());
    }

    [Fact]
    public void Identity_mapping_of_a_cloexec_parent_fd_is_inherited()
    {
        using var temp = new TempFds();
        int a = temp.Open(cloexec: true);
        Assert.True(IsCloexec(a));
        var fds = Fds(FdMap.Stdio().Map(a, a));
        Assert.Equal(Target(a), fds[a]);
        Assert.Equal(4, fds.Count);
        Assert.True(IsCloexec(a), "the parent's fd flags must not change");
    }

    [Fact]
    public void Path_entries_are_opened_for_the_child()
    {
        string dir = Directory.CreateTempSubdirectory("sysgate-spawn-").FullName;
        try
        {
            string input = Path.Combine(dir, "in.txt"), output = Path.Combine(dir, "out.txt");
            File.WriteAllText(input, "hello from fd 3\n");
            File.WriteAllText(output, "old content that must be truncated");
            var spec = new SpawnSpec
            {
                Program = "/bin/sh",
                Arguments = ["-c", "cat <&3 >&4"],
                Fds = FdMap.Stdio().MapFile(3, input, FileOpenMode.Read).MapFile(4, output, FileOpenMode.Write),
            };
            using (var child = SafeProcess.Start(spec)) Assert.Equal(0, child.WaitForExit().ExitCode);
            Assert.Equal("hello from fd 3\n", File.ReadAllText(output));

            string created = Path.Combine(dir, "new.txt");
            var append = spec with { Arguments = ["-c", "echo one >&4; echo two >&5"], Fds = FdMap.Stdio().MapFile(4, created, FileOpenMode.Write).MapFile(5, created, FileOpenMode.Append) };
            using (var child = SafeProcess.Start(append)) Assert.Equal(0, child.WaitForExit().ExitCode);
            Assert.Contains("two", File.ReadAllText(created));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Signals_start_unblocked_and_at_default_dispositions()
    {
        string status = "";
        FdsOf(Sleeper(FdMap.Stdio()), pid => status = File.ReadAllText($"/proc/{pid}/status"));
        Assert.True(status.Contains("SigBlk:\t0000000000000000"), status);
        Assert.True(status.Contains("SigIgn:\t0000000000000000"), status);  // .NET ignores SIGPIPE; the child must not
    }
}
