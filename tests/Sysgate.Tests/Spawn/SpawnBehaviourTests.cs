using Sysgate.Native;
using Sysgate.Native.Interop;
using Sysgate.Spawn;
using static Sysgate.Tests.Spawn.ChildFdProbe;

namespace Sysgate.Tests.Spawn;

/// <summary>Modes, exit statuses and refusals before anything runs.</summary>
[Collection(InheritableFdsCollection.Name)]
public class SpawnBehaviourTests
{
    [Fact]
    public void Strict_refuses_and_names_the_leaky_fd()
    {
        using var temp = new TempFds();
        int leaky = temp.Open(cloexec: false);
        var ex = Assert.Throws<SpawnException>(() => Fds(FdMap.Stdio(), FdMode.Strict));
        Assert.Equal(SpawnError.LeakyFds, ex.Reason);
        Assert.Contains($"fd {leaky} -> {Target(leaky)}", ex.Message);
    }

    [Fact]
    public void Strict_accepts_a_designated_inheritable_fd()
    {
        using var temp = new TempFds();
        int fd = temp.Open(cloexec: false);
        try
        {
            var fds = Fds(FdMap.Stdio().Map(3, fd), FdMode.Strict);
            Assert.Equal(Target(fd), fds[3]);
        }
        catch (SpawnException e) when (e.Reason == SpawnError.LeakyFds)
        {
            // The test host itself may hold inheritable fds; then our fd must at least not be named.
            Assert.DoesNotContain($"fd {fd} ->", e.Message);
        }
    }

    [Fact]
    public void InheritAll_passes_the_inheritable_fd()
    {
        using var temp = new TempFds();
        int leaky = temp.Open(cloexec: false);
        var fds = Fds(FdMap.Stdio(), FdMode.InheritAll);
        Assert.Equal(Target(leaky), fds[leaky]);
    }

    [Fact]
    public void Exit_code_propagates()
    {
        using var child = SafeProcess.Start(new SpawnSpec { Program = "sh", Arguments = ["-c", "exit 7"] });
        var status = child.WaitForExit();
        Assert.Equal(7, status.ExitCode);
        Assert.Null(status.TermSignal);
        Assert.Equal(7, status.ShellExitCode);
        Assert.True(child.HasExited);
        Assert.Equal(status, child.WaitForExit());
    }

    [Fact]
    public async Task Killed_by_signal_is_reported_as_128_plus_signal()
    {
        using var child = SafeProcess.Start(Sleeper(FdMap.Stdio()));
        Assert.False(child.HasExited);
        var wait = child.WaitForExitAsync(CancellationToken.None);
        child.Kill(15);
        var status = await wait;
        Assert.Null(status.ExitCode);
        Assert.Equal(15, status.TermSignal);
        Assert.Equal(143, status.ShellExitCode);
        child.Kill();  // already dead: not an error
    }

    [Fact]
    public void Argv0_environment_and_working_directory_reach_the_child()
    {
        string dir = Directory.CreateTempSubdirectory("sysgate-spawn-").FullName;
        try
        {
            string output = Path.Combine(dir, "out");
            var spec = new SpawnSpec
            {
                Program = "/bin/sh",
                Argv0 = "renamed",
                Arguments = ["-c", "echo \"$0|$FOO|$(pwd)|$#\" >&3", "x"],
                Environment = new Dictionary<string, string> { ["FOO"] = "bar", ["PATH"] = "/usr/bin:/bin" },
                WorkingDirectory = dir,
                Fds = FdMap.Stdio().MapFile(3, output, FileOpenMode.Write),
            };
            using var child = SafeProcess.Start(spec);
            Assert.Equal(0, child.WaitForExit().ExitCode);
            Assert.Equal($"x|bar|{dir}|0\n", File.ReadAllText(output));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Closed_parent_fd_is_refused_before_anything_runs()
    {
        int fd = Libc.Dup(0);
        Libc.Close(fd);
        var ex = Assert.Throws<SpawnException>(() => SafeProcess.Start(new SpawnSpec { Program = "/bin/true", Fds = FdMap.Stdio().Map(3, fd) }));
        Assert.Equal(SpawnError.BadFd, ex.Reason);
        Assert.Contains($"parent fd {fd}", ex.Message);
    }

    [Fact]
    public void Missing_and_non_executable_programs_are_refused()
    {
        var missing = Assert.Throws<SpawnException>(() => SafeProcess.Start(new SpawnSpec { Program = "/nonexistent/prog" }));
        Assert.Equal(SpawnError.ProgramNotFound, missing.Reason);
        var notInPath = Assert.Throws<SpawnException>(() => SafeProcess.Start(new SpawnSpec { Program = "sysgate-no-such-command" }));
        Assert.Equal(SpawnError.ProgramNotFound, notInPath.Reason);

        string file = Path.GetTempFileName();
        try
        {
            var ex = Assert.Throws<SpawnException>(() => SafeProcess.Start(new SpawnSpec { Program = file }));
            Assert.Equal(SpawnError.ProgramNotExecutable, ex.Reason);
            Assert.Equal(SpawnError.ProgramNotExecutable,
                Assert.Throws<SpawnException>(() => SafeProcess.Start(new SpawnSpec { Program = "/tmp" })).Reason);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Bad_maps_are_refused()
    {
        Assert.Throws<ArgumentException>(() => FdMap.Stdio().Map(1, 2));       // child fd 1 twice
        Assert.Throws<ArgumentException>(() => FdMap.Empty().Map(-1, 0));
        Assert.Throws<ArgumentException>(() => FdMap.Empty().Map(3, -4));
        Assert.Throws<ArgumentException>(() => FdMap.Empty().MapFile(3, "", FileOpenMode.Read));
        var open = Assert.Throws<SpawnException>(() => SafeProcess.Start(new SpawnSpec
        {
            Program = "/bin/true", Fds = FdMap.Stdio().MapFile(3, "/nonexistent/in", FileOpenMode.Read),
        }));
        Assert.Equal(SpawnError.OpenFailed, open.Reason);
        var tooHigh = Assert.Throws<SpawnException>(() => SafeProcess.Start(new SpawnSpec { Program = "/bin/true", Fds = FdMap.Stdio().Map(int.MaxValue - 1, 1) }));
        Assert.Equal(SpawnError.BadFd, tooHigh.Reason);
        Assert.Contains($"child fd {int.MaxValue - 1}", tooHigh.Message);
        Assert.Contains("/nonexistent/in", open.Message);
    }

    [Fact]
    public void Thread_setup_exception_propagates_and_nothing_runs()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            SafeProcess.Start(Sleeper(FdMap.Stdio(), setup: new Throwing())));
        Assert.Equal("refused", ex.Message);
    }

    private sealed class Throwing : ISpawnThreadSetup
    {
        public void Apply() => throw new InvalidOperationException("refused");
    }
}
