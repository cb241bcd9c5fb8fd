using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Tests.Syscalls;

public class SyscallSetsTests
{
    private static string[] Names(string spec, Arch? arch = null) => SyscallSets.Parse(spec, arch).Select(s => s.Name).ToArray();

    [Fact]
    public void Names_and_classes()
    {
        Assert.Equal(["read", "close"], Names("close,read")); // table order
        var file = Names("%file,close");
        Assert.Contains("openat", file);
        Assert.Contains("close", file);
        Assert.Contains("execve", file);
        Assert.DoesNotContain("read", file);
        Assert.Equal(Names("%file"), Names("file"));
        Assert.Equal(Names("%network"), Names("%net"));
        Assert.Contains("fstat", Names("%%stat"));
    }

    [Fact]
    public void Arch_restriction_negation_all_none()
    {
        Assert.DoesNotContain("open", Names("%file", Arch.Aarch64));
        Assert.Contains("open", Names("%file", Arch.X86_64));
        var notClose = Names("!close");
        Assert.Equal(SyscallTable.All.Count - 1, notClose.Length);
        Assert.Equal(SyscallTable.All.Count, Names("all").Length);
        Assert.Empty(Names("none"));
    }

    [Fact]
    public void Unknown_names_fail_unless_optional()
    {
        var ex = Assert.Throws<FormatException>(() => SyscallSets.Parse("openat,frobnicate"));
        Assert.Contains("frobnicate", ex.Message);
        Assert.Equal(["openat"], Names("openat,?frobnicate"));
        Assert.True(SyscallSets.TryParseClass("%ipc", out var c));
        Assert.Equal(SyscallClass.Ipc, c);
    }
}
