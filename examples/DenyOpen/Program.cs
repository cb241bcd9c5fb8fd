// dotnet run --project examples/DenyOpen [-- PATH]
// Runs `cat /etc/hostname PATH` (PATH default /etc/shadow) with openat trapped by seccomp user
// notification. The vetter copies each path, opens the file itself, refuses PATH by identity (so a symlink,
// a hard link or a path rewritten by another thread cannot get it) and injects its own fd otherwise: cat
// prints the host name, then "PATH: Permission denied", and exits 1.
using Sysgate.Interception.Bpf;
using Sysgate.Interception.Notify;
using Sysgate.Interception.Vetting;
using Sysgate.Native;
using Sysgate.Spawn;

string denied = args.Length > 0 ? args[0] : "/etc/shadow";
var vetter = new ReadOnlyOpenVetter([denied]);

var filter = new SeccompProgramBuilder(HostArch.Current)
    .Add(vetter.Numbers, SeccompAction.UserNotif)         // everything else: allowed in-kernel
    .Build();
using var traced = TracedProcess.Start(new SpawnSpec
{
    Program = "cat",
    Arguments = ["/etc/hostname", denied],
}, filter, vetter);                                       // filter installed on the spawn thread only
ExitStatus status = traced.WaitForExit();                 // cat: PATH: Permission denied -> exit 1
Console.WriteLine($"cat /etc/hostname {denied}: {status}; {traced.Supervisor.Received} opens vetted");
return status.ShellExitCode;
