// dotnet run --project examples/SafeExec [-- LOGFILE]
// Starts `sh` with stdin/stdout/stderr, fd 3 = a log file we opened (appending) and fd 4 = /etc/hostname
// opened for it, and nothing else of ours: the child lists its fds to show exactly that (0-4, plus
// the one ls itself opens on /proc/self/fd).
using Sysgate.Spawn;

string logPath = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "sysgate-safeexec.log");
using var log = File.OpenHandle(logPath, FileMode.Append, FileAccess.Write);

var spec = new SpawnSpec
{
    Program = "sh",                                      // searched in PATH, like execvp
    Arguments = ["-c", "echo started >&3; read -r host <&4; echo \"host: $host\"; ls /proc/self/fd"],
    Fds = FdMap.Stdio()
        .Map(3, (int)log.DangerousGetHandle())           // our fd -> the child's fd 3
        .MapFile(4, "/etc/hostname", FileOpenMode.Read), // opened for the child as its fd 4
};

using ChildProcess child = SafeProcess.Start(spec);
ExitStatus status = child.WaitForExit();
Console.WriteLine($"child {child.Pid}: {status}; fd 3 wrote to {logPath}");
return status.ShellExitCode;
