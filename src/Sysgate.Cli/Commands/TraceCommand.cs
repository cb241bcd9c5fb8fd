using System.CommandLine;
using System.Runtime.InteropServices;
using Sysgate.Native;
using Sysgate.Spawn;
using Sysgate.Threading;
using Sysgate.Tracing;

namespace Sysgate.Cli.Commands;

/// <summary>
/// <c>sysgate trace [-f|-ff] [-e EXPR]... [-o FILE] [-s N] [-y] [-T] [-t|-tt|-ttt] [-c] [--json] -- PROGRAM ARGS...</c>
/// and <c>sysgate trace -p PID</c>: strace's flags and output on the ptrace backend. Parses options into
/// <see cref="TraceOptions"/> and hands over to <see cref="TraceRun"/>. Exit code: the program's.
/// </summary>
public static class TraceCommand
{
    private const string Description = """
        Trace the system calls of a program, strace style: one line per call, on stderr (or -o FILE),
        never mixed into the program's own output. The program runs under ptrace with a seccomp filter,
        so only the traced calls stop. Exit code: the program's (128+N when killed by signal N); bad
        options print one line and exit 2 without running anything.

        Examples:
          sysgate trace -f -- sh -c 'cat /etc/hostname | wc -c'
          sysgate trace -e trace=%file -y -- ls /etc
          sysgate trace -e inject=openat:error=EACCES:when=2+ -- cat /etc/hostname /etc/hosts
          sysgate trace -c -f -- make
          sysgate trace --json -o calls.jsonl -- python3 -c 'import json'
          sysgate trace -p 1234                  attach; Ctrl-C detaches
        """;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var follow = new Option<bool>("--follow-forks", "-f") { Description = "Print the calls of child processes and threads too (with [pid N])." };
        var followSeparately = new Option<bool>("--output-separately", "-ff") { Description = "Like -f; with -o FILE each process writes FILE.PID." };
        var exprs = (new Option<string[]>("--expr", "-e") { Description = "trace=SET, status=successful|failed|unfinished, inject=SET:error=ERRNO|retval=N[:when=N|N+|N+S] (repeatable).", HelpName = "EXPR" }).Plain();
        var output = new Option<string?>("--output", "-o") { Description = "Write the trace to FILE instead of stderr.", HelpName = "FILE" };
        var strings = new Option<int>("--string-limit", "-s") { Description = "Print at most N bytes of each string (default 32).", HelpName = "N", DefaultValueFactory = _ => 32 };
        var fdPaths = new Option<bool>("--decode-fds", "-y") { Description = "Print the path behind each fd: 3</etc/hostname>." };
        var times = new Option<bool>("--syscall-times", "-T") { Description = "Show the time spent in each call: <0.000012>." };
        var stamp = new Option<bool>("--absolute-timestamps", "-t") { Description = "Prefix each line with the time of day." };
        var stampMicro = new Option<bool>("--absolute-timestamps-us", "-tt") { Description = "Prefix each line with the time of day, with microseconds." };
        var stampEpoch = new Option<bool>("--absolute-timestamps-unix", "-ttt") { Description = "Prefix each line with seconds since the epoch, with microseconds." };
        var summary = new Option<bool>("--summary-only", "-c") { Description = "Count calls, errors and time per syscall; print the table at the end." };
        var json = new Option<bool>("--json") { Description = "One JSON object per event (syscall, signal, exit) instead of strace lines." };
        var pid = new Option<int?>("--attach", "-p") { Description = "Attach to a running process and its threads (Ctrl-C detaches).", HelpName = "PID" };
        var command = (new Argument<string[]>("command") { Description = "The program and its arguments (after --).", Arity = ArgumentArity.ZeroOrMore }).Plain();
        var trace = new Command("trace", Description)
        {
            follow, followSeparately, exprs, output, strings, fdPaths, times, stamp, stampMicro, stampEpoch, summary, json, pid, command,
        };
        trace.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            TraceOptions options;
            string[] argv = parseResult.GetValue(command) ?? [];
            int? attach = parseResult.GetValue(pid);
            try
            {
                if (attach is null && argv.Length == 0) throw new FormatException("give a program to run (after --) or -p PID.");
                if (attach is not null && argv.Length > 0) throw new FormatException("give either a program or -p PID, not both.");
                if (parseResult.GetValue(summary) && parseResult.GetValue(json)) throw new FormatException("-c and --json exclude each other.");
                int limit = parseResult.GetValue(strings);
                if (limit < 0) throw new FormatException($"-s {limit}: the string limit must not be negative.");
                var (filter, injections) = TraceExpressions.Parse(parseResult.GetValue(exprs) ?? [], HostArch.Current);
                bool separately = parseResult.GetValue(followSeparately);
                options = new TraceOptions
                {
                    FollowForks = separately || parseResult.GetValue(follow),
                    PerProcessFiles = separately,
                    OutputPath = parseResult.GetValue(output),
                    StringLimit = limit,
                    FdPaths = parseResult.GetValue(fdPaths),
                    SyscallTimes = parseResult.GetValue(times),
                    Timestamps = parseResult.GetValue(stampEpoch) ? TimestampMode.Epoch
                        : parseResult.GetValue(stampMicro) ? TimestampMode.Microseconds
                        : parseResult.GetValue(stamp) ? TimestampMode.Seconds : TimestampMode.None,
                    Summary = parseResult.GetValue(summary),
                    Json = parseResult.GetValue(json),
                    Filter = filter,
                    Injections = injections,
                };
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                error.WriteLine($"sysgate trace: {e.Message}");
                return ExecCommand.UsageError;
            }
            return attach is int p ? Attach(options, p, error) : Run(options, argv, error);
        });
        return trace;
    }

    private static int Run(TraceOptions options, string[] argv, TextWriter error)
    {
        // As sysgate exec: the terminal's SIGINT/SIGQUIT reach the program too, so let it decide; SIGTERM/SIGHUP
        // aimed at sysgate are passed on. Registered first: see SignalRelay.
        using var signals = new SignalRelay();
        // Keeps our threads (tracer, spawn) and the tracee on one CPU while they hand the program's
        // calls to each other; the tracer gives the program its original CPUs back once it could tell
        // (CpuAffinity, PinnedRootRelease).
        CpuAffinity.PinProcessToCurrentCpu();
        TraceRun run;
        try
        {
            run = TraceRun.Start(options, new SpawnSpec { Program = argv[0], Arguments = argv[1..], RawEnvironment = true });
        }
        catch (SpawnException e)
        {
            error.WriteLine($"sysgate trace: {e.Message}");
            return e.Reason switch
            {
                SpawnError.ProgramNotFound => ExecCommand.NotFound,
                SpawnError.ProgramNotExecutable => ExecCommand.NotExecutable,
                SpawnError.SpawnFailed when e.Errno == Errno.ENOENT => ExecCommand.NotFound,
                SpawnError.SpawnFailed => ExecCommand.NotExecutable,
                _ => ExecCommand.UsageError,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or ErrnoException)
        {
            error.WriteLine($"sysgate trace: {e.Message}");
            return 1;
        }
        using (run)
        {
            signals.Attach(run.Signal);
            int code = Wait(run, error);
            signals.Dispose(); // the program is reaped: its pid may be reused
            return code;
        }
    }

    private static int Attach(TraceOptions options, int pid, TextWriter error)
    {
        TraceRun run;
        try
        {
            run = TraceRun.Attach(options, pid);
        }
        catch (Exception e) when (e is ErrnoException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"sysgate trace: attach to {pid}: {e.Message}");
            return 1;
        }
        using (run)
        {
            // Ctrl-C, SIGTERM, SIGHUP: detach cleanly and leave the process running.
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; run.Detach(); });
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; run.Detach(); });
            using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; run.Detach(); });
            return Wait(run, error);
        }
    }

    // A failure on the tracer thread (ptrace refused, output gone) ends the run with one line, not a stack trace.
    private static int Wait(TraceRun run, TextWriter error)
    {
        try
        {
            return run.Wait();
        }
        catch (Exception e) when (e is ErrnoException or IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            error.WriteLine($"sysgate trace: {e.Message}");
            return 1;
        }
    }
}
