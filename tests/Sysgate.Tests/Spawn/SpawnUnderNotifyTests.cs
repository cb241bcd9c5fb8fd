using Sysgate.Interception;
using Sysgate.Interception.Bpf;
using Sysgate.Interception.Notify;
using Sysgate.Native;
using Sysgate.Spawn;

namespace Sysgate.Tests.Spawn;

/// <summary>
/// The ISpawnThreadSetup contract end to end: the interception backend's SeccompThreadSetup runs on
/// SafeProcess's dedicated spawn thread, the child inherits the user-notification filter, and still
/// gets exactly the designated fds.
/// </summary>
public class SpawnUnderNotifyTests
{
    private const int GetppidX86_64 = 110;

    [Fact]
    public void Child_spawned_by_SafeProcess_runs_under_the_notify_filter()
    {
        if (HostArch.Current != Arch.X86_64) return;  // syscall number below is x86_64's
        string output = Path.GetTempFileName();
        try
        {
            var program = new SeccompProgramBuilder(HostArch.Current).Add([GetppidX86_64], SeccompAction.UserNotif).Build();
            using var setup = new SeccompThreadSetup(program);
            using var supervisor = new NotifySupervisor(setup, new DelegateSyscallHandler((in ev, ctx) =>
                ev.Number == GetppidX86_64 && ev.Pid != Environment.ProcessId ? SyscallDecision.Return(4242) : SyscallDecision.Continue));
            supervisor.Start();
            var spec = new SpawnSpec
            {
                Program = "/bin/sh",
                Arguments = ["-c", "echo $PPID; ls /proc/self/fd | wc -l"],
                Fds = FdMap.Empty().Map(0, 0).MapFile(1, output, FileOpenMode.Write),
                ThreadSetup = setup,
            };
            using var child = SafeProcess.Start(spec);
            supervisor.TrackTree(child.Pid);
            Assert.Equal(0, child.WaitForExit().ExitCode);
            Assert.True(supervisor.WaitForCompletion(TimeSpan.FromSeconds(20)));
            Assert.Null(supervisor.Fault);
            var lines = File.ReadAllLines(output);
            Assert.Equal("4242", lines[0]);             // getppid answered by the supervisor
            Assert.Equal("3", lines[1].Trim());          // 0, 1 and ls's own directory fd: nothing else
        }
        finally { File.Delete(output); }
    }
}
