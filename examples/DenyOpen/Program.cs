// dotnet run --project examples/DenyOpen [-- PATH]
// Runs `cat /etc/hostname PATH` (PATH default /etc/shadow) with openat trapped by seccomp user
// notification; the handler fails openat of exactly PATH with EACCES and lets every other call run, so
// cat prints the host name, then "PATH: Permission denied", and exits 1.
using System.Text;
using Sysgate.Interception;
using Sysgate.Interception.Bpf;
using Sysgate.Interception.Notify;
using Sysgate.Native;
using Sysgate.Spawn;

string denied = args.Length > 0 ? args[0] : "/etc/shadow";
int openat = HostArch.Current == Arch.X86_64 ? Sysno.X86_64.openat : Sysno.Aarch64.openat;

var filter = new SeccompProgramBuilder(HostArch.Current)
    .Add(openat, SeccompAction.UserNotif)                 // everything else: allowed in-kernel
    .Build();
using var setup = new SeccompThreadSetup(filter);
using var supervisor = new NotifySupervisor(setup, new DenyPath(Encoding.UTF8.GetBytes(denied)));
supervisor.Start();                                       // warms up the handler path, then listens
using var child = SafeProcess.Start(new SpawnSpec
{
    Program = "cat",
    Arguments = ["/etc/hostname", denied],
    ThreadSetup = setup,                                  // the filter is installed on the spawn thread
});
supervisor.TrackTree(child.Pid, child.PidFd);
ExitStatus status = child.WaitForExit();                  // cat: PATH: Permission denied -> exit 1
supervisor.WaitForCompletion(TimeSpan.FromSeconds(5));
Console.WriteLine($"cat /etc/hostname {denied}: {status}; {supervisor.Received} openat calls trapped");
return status.ShellExitCode;

/// <summary>Fails openat(PATH) with EACCES; every other call runs unchanged. Allocates nothing per call.</summary>
sealed class DenyPath(byte[] denied) : ISyscallHandler
{
    public SyscallDecision Handle(in SyscallEvent ev, SyscallContext context)
    {
        if (ev.IsWarmup) return SyscallDecision.Continue;
        Span<byte> path = stackalloc byte[4096];
        int length = context.ReadCString(ev.Arg(1), path);   // openat(dirfd, pathname, flags, mode)
        // Check the stop is still current AFTER reading and BEFORE acting on what was read.
        if (length < 0 || !context.IsStillValid()) return SyscallDecision.Continue;
        return path[..length].SequenceEqual(denied) ? SyscallDecision.Fail(Errno.EACCES) : SyscallDecision.Continue;
    }
}
