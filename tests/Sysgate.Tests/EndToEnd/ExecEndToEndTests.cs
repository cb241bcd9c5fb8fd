using Sysgate.Cli;

namespace Sysgate.Tests.EndToEnd;

/// <summary>
/// <c>sysgate exec</c> as a user runs it: a real process (the NativeAOT binary under scripts/test-all)
/// starting real programs. Passes vacuously until the exec subcommand is in the tree.
/// </summary>
[Trait("Category", SysgateRunner.Category)]
public class ExecEndToEndTests
{
    private static readonly bool ExecExists = CommandTree.Build().Subcommands.Any(c => c.Name == "exec");

    [Fact]
    public void Fd_mapped_to_a_file_is_the_childs_fd_3()
    {
        if (!ExecExists) return;
        var file = Path.Combine(Path.GetTempPath(), $"sysgate-e2e-{Guid.NewGuid():N}");
        try
        {
            var r = SysgateRunner.Run("exec", "--fd", $"3={file}:w", "--", "/bin/sh", "-c", "echo through-fd-3 >&3");
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Equal("through-fd-3\n", File.ReadAllText(file));
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Fd_3_can_be_a_copy_of_stdout()
    {
        if (!ExecExists) return;
        var r = SysgateRunner.Run("exec", "--fd", "3=1", "--", "/bin/sh", "-c", "echo via-3 >&3");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("via-3\n", r.Stdout);
    }

    [Fact]
    public void Child_gets_only_the_designated_fds()
    {
        if (!ExecExists) return;
        // ls opens /proc/self/fd itself as the lowest free fd: with nothing leaked that is 3.
        var r = SysgateRunner.Run("exec", "--", "/bin/ls", "/proc/self/fd");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(["0", "1", "2", "3"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Exit_status_is_the_programs()
    {
        if (!ExecExists) return;
        Assert.Equal(7, SysgateRunner.Run("exec", "--", "/bin/sh", "-c", "exit 7").ExitCode);
        Assert.Equal(128 + 9, SysgateRunner.Run("exec", "--", "/bin/sh", "-c", "kill -9 $$").ExitCode);
    }

    [Fact]
    public void Missing_program_exits_127_with_one_line()
    {
        if (!ExecExists) return;
        var r = SysgateRunner.Run("exec", "--", "/nonexistent/program");
        Assert.Equal(127, r.ExitCode);
        Assert.Contains("/nonexistent/program", r.Stderr);
    }
}
