using System.Collections;
using System.CommandLine;
using System.Runtime.InteropServices;
using Sysgate.Spawn;

namespace Sysgate.Cli.Commands;

/// <summary>
/// <c>sysgate exec [--fd CHILD=SOURCE]... [--strict|--inherit-all] [--cwd DIR] [--env K=V]... [--clear-env] -- PROGRAM ARGS...</c>:
/// runs PROGRAM with exactly the designated fds. Exit code: the child's (128+signal when killed);
/// 2 for bad input, 126 for a program that is not executable, 127 for one that is not found (as a shell does).
/// </summary>
public static class ExecCommand
{
    /// <summary>Exit code for invalid options or fds (nothing ran).</summary>
    public const int UsageError = 2;
    /// <summary>Exit code when the program exists but cannot be executed.</summary>
    public const int NotExecutable = 126;
    /// <summary>Exit code when the program is not found.</summary>
    public const int NotFound = 127;

    private const string Description = """
        Run a program with exactly the file descriptors you designate: every other fd of sysgate is closed
        in the child (close_range), even ones without FD_CLOEXEC. stdin, stdout and stderr are passed unless
        remapped or closed (or already closed when sysgate started). The exit code is the program's (128+N when killed by signal N); bad input prints
        one line and exits 2 without running anything (126: not executable, 127: not found).

        --fd forms:
          CHILD=PARENT        child fd CHILD is a copy of sysgate's fd PARENT (always sysgate's, so
                              --fd 3=4 --fd 4=3 swaps)                             --fd 3=1
          CHILD=PATH[:MODE]   open PATH for the child; MODE r (default), w (create+truncate), rw, a (append)
                                                                                     --fd 3=/etc/hosts  --fd 4=out.log:a
          CHILD=-             the child does not get CHILD (e.g. --fd 0=- closes stdin)
          (a PATH that is all digits must be written ./NAME)

        Examples:
          sysgate exec --fd 3=1 -- ls -l /proc/self/fd          fd 3 = our stdout, nothing else leaks
          sysgate exec --fd 0=- --fd 1=log:a --fd 2=log:a -- make  no stdin; stdout+stderr appended to log
          sysgate exec --fd 3=4 --fd 4=3 -- prog                  swap two fds
          sysgate exec --strict -- prog                           refuse if sysgate holds inheritable fds
          sysgate exec --clear-env --env PATH=/usr/bin --cwd /tmp -- env
        """;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var fds = (new Option<string[]>("--fd") { Description = "Designate a child fd: CHILD=PARENT, CHILD=PATH[:r|w|rw|a] or CHILD=- (repeatable).", HelpName = "CHILD=SOURCE" }).Plain();
        var strict = new Option<bool>("--strict") { Description = "Refuse to run if sysgate holds undesignated fds without FD_CLOEXEC (names each)." };
        var inheritAll = new Option<bool>("--inherit-all") { Description = "Old execve behaviour: also pass every fd without FD_CLOEXEC." };
        var cwd = new Option<string?>("--cwd") { Description = "Working directory of the program.", HelpName = "DIR" };
        var env = (new Option<string[]>("--env") { Description = "Set an environment variable for the program (repeatable).", HelpName = "K=V" }).Plain();
        var clearEnv = new Option<bool>("--clear-env") { Description = "Start from an empty environment (then apply --env)." };
        var command = (new Argument<string[]>("command") { Description = "The program and its arguments (after --).", Arity = ArgumentArity.OneOrMore }).Plain();
        var exec = new Command("exec", Description) { fds, strict, inheritAll, cwd, env, clearEnv, command };
        exec.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            SpawnSpec spec;
            try
            {
                if (parseResult.GetValue(strict) && parseResult.GetValue(inheritAll))
                    throw new FormatException("--strict and --inherit-all exclude each other.");
                string[] argv = parseResult.GetValue(command) ?? [];
                spec = new SpawnSpec
                {
                    Program = argv[0],
                    Arguments = argv[1..],
                    Fds = ParseFds(parseResult.GetValue(fds) ?? []),
                    Mode = parseResult.GetValue(strict) ? FdMode.Strict : parseResult.GetValue(inheritAll) ? FdMode.InheritAll : FdMode.Close,
                    WorkingDirectory = parseResult.GetValue(cwd),
                    Environment = BuildEnvironment(parseResult.GetValue(env) ?? [], parseResult.GetValue(clearEnv)),
                    RawEnvironment = true, // unchanged: our environment byte for byte, as env(1) or exec would pass it
                };
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                error.WriteLine($"sysgate exec: {e.Message}");
                return UsageError;
            }
            return Run(spec, error);
        });
        return exec;
    }

    private static int Run(SpawnSpec spec, TextWriter error)
    {
        ChildProcess child;
        try
        {
            child = SafeProcess.Start(spec);
        }
        catch (SpawnException e)
        {
            error.WriteLine($"sysgate exec: {e.Message}");
            return e.Reason switch
            {
                SpawnError.ProgramNotFound => NotFound,
                SpawnError.ProgramNotExecutable => NotExecutable,
                SpawnError.SpawnFailed when e.Errno == Sysgate.Native.Errno.ENOENT => NotFound,
                SpawnError.SpawnFailed => NotExecutable,
                _ => UsageError,
            };
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"sysgate exec: {e.Message}");
            return UsageError;
        }
        using (child)
        {
            // The terminal sends SIGINT/SIGQUIT to the child too: let it decide, and report its status.
            // SIGTERM/SIGHUP aimed at sysgate are passed on to the child.
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
            using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => c.Cancel = true);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; child.Kill(15); });
            using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; child.Kill(1); });
            return child.WaitForExit().ShellExitCode;
        }
    }

    /// <summary>Parses the --fd values onto the default stdio map (the 0-2 sysgate inherited); a child fd
    /// given twice is an error.</summary>
    internal static FdMap ParseFds(IEnumerable<string> specs)
    {
        var map = FdMap.InheritedStdio();
        var given = new HashSet<int>();
        foreach (string spec in specs)
        {
            int eq = spec.IndexOf('=');
            if (eq <= 0 || !int.TryParse(spec.AsSpan(0, eq), out int child) || child < 0)
                throw new FormatException($"--fd {spec}: expected CHILD=PARENT, CHILD=PATH[:r|w|rw|a] or CHILD=- with CHILD a non-negative number.");
            if (!given.Add(child)) throw new FormatException($"--fd {spec}: child fd {child} is designated twice.");
            string source = spec[(eq + 1)..];
            map.Close(child);
            if (source == "-") continue;
            if (source.Length == 0) throw new FormatException($"--fd {spec}: empty source.");
            if (source.All(char.IsAsciiDigit))
            {
                if (!int.TryParse(source, out int parent)) throw new FormatException($"--fd {spec}: parent fd out of range.");
                map.Map(child, parent);
                continue;
            }
            var (path, mode) = SplitMode(source);
            if (path.Length == 0) throw new FormatException($"--fd {spec}: empty path.");
            map.MapFile(child, path, mode);
        }
        return map;
    }

    private static (string Path, FileOpenMode Mode) SplitMode(string source)
    {
        int colon = source.LastIndexOf(':');
        if (colon >= 0)
        {
            FileOpenMode? mode = source[(colon + 1)..] switch
            {
                "r" => FileOpenMode.Read,
                "w" => FileOpenMode.Write,
                "rw" => FileOpenMode.ReadWrite,
                "a" => FileOpenMode.Append,
                _ => null,
            };
            if (mode is { } m) return (source[..colon], m);
        }
        return (source, FileOpenMode.Read);
    }

    /// <summary>null (inherit unchanged) unless --env or --clear-env were given.</summary>
    internal static IReadOnlyDictionary<string, string>? BuildEnvironment(string[] assignments, bool clear)
    {
        if (assignments.Length == 0 && !clear) return null;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!clear)
            foreach (DictionaryEntry kv in Environment.GetEnvironmentVariables())
                env[(string)kv.Key] = (string?)kv.Value ?? "";
        foreach (string a in assignments)
        {
            int eq = a.IndexOf('=');
            if (eq <= 0) throw new FormatException($"--env {a}: expected NAME=VALUE.");
            env[a[..eq]] = a[(eq + 1)..];
        }
        return env;
    }
}
