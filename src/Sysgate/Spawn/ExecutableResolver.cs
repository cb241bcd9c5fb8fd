using System.Text;
using Sysgate.Native;
using Sysgate.Native.Interop;

namespace Sysgate.Spawn;

/// <summary>
/// Turns <see cref="SpawnSpec.Program"/> into an absolute, executable path before anything runs, so a
/// missing or non-executable program is reported by the parent (posix_spawn, unlike posix_spawnp, then
/// needs no PATH search of its own in the child).
/// </summary>
internal static unsafe class ExecutableResolver
{
    private const string DefaultPath = "/usr/local/bin:/usr/bin:/bin";

    private enum Verdict { Ok, Missing, NotExecutable, Directory }

    public static string Resolve(SpawnSpec spec)
    {
        string program = spec.Program;
        if (string.IsNullOrEmpty(program)) throw new ArgumentException("the program is empty.", nameof(spec));
        if (program.Contains('\0')) throw new ArgumentException("the program contains a NUL character.", nameof(spec));
        string baseDir = spec.WorkingDirectory is { } wd ? Path.GetFullPath(wd) : Directory.GetCurrentDirectory();

        if (program.Contains('/'))
        {
            string full = Path.IsPathRooted(program) ? program : Path.Combine(baseDir, program);
            return Check(full) switch
            {
                Verdict.Ok => full,
                Verdict.Missing => throw new SpawnException(SpawnError.ProgramNotFound, $"{program}: no such file.", Errno.ENOENT),
                Verdict.Directory => throw new SpawnException(SpawnError.ProgramNotExecutable, $"{program}: is a directory.", Errno.EACCES),
                _ => throw new SpawnException(SpawnError.ProgramNotExecutable, $"{program}: not executable (permission denied).", Errno.EACCES),
            };
        }

        string? searchPath = null;
        if (spec.Environment is { } env) env.TryGetValue("PATH", out searchPath);
        else searchPath = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(searchPath)) searchPath = DefaultPath;

        string? notExecutable = null;
        foreach (string entry in searchPath.Split(':'))
        {
            string dir = entry.Length == 0 ? baseDir : Path.IsPathRooted(entry) ? entry : Path.Combine(baseDir, entry);
            string candidate = Path.Combine(dir, program);
            switch (Check(candidate))
            {
                case Verdict.Ok: return candidate;
                case Verdict.NotExecutable: notExecutable ??= candidate; break;
            }
        }
        if (notExecutable is not null)
            throw new SpawnException(SpawnError.ProgramNotExecutable, $"{program}: found {notExecutable} in PATH but it is not executable.", Errno.EACCES);
        throw new SpawnException(SpawnError.ProgramNotFound, $"{program}: command not found in PATH ({searchPath}).", Errno.ENOENT);
    }

    private static Verdict Check(string path)
    {
        if (Directory.Exists(path)) return Verdict.Directory;
        int len = Encoding.UTF8.GetByteCount(path);
        Span<byte> c = len < 1024 ? stackalloc byte[len + 1] : new byte[len + 1];
        Encoding.UTF8.GetBytes(path, c);
        c[len] = 0;
        fixed (byte* p = c)
        {
            if (Libc.Access(p, OpenFlags.X_OK) == 0) return Verdict.Ok;
            int err = Errno.Last;
            return err == Errno.EACCES && File.Exists(path) ? Verdict.NotExecutable : Verdict.Missing;
        }
    }
}
