using Sysgate.Interception.Ptrace;
using Sysgate.Native;
using Sysgate.Native.Interop;
using Sysgate.Spawn;

namespace Sysgate.Tracing;

/// <summary>
/// One <c>sysgate trace</c> run: a program started under the ptrace backend (or processes attached with -p)
/// with a <see cref="StraceLineWriter"/> writing what it does. <see cref="Wait"/> returns the shell exit code.
/// </summary>
public sealed class TraceRun : IDisposable
{
    private readonly StraceLineWriter _writer;
    private readonly PtraceSession? _session;
    private readonly PtraceAttachSession? _attach;

    private TraceRun(StraceLineWriter writer, PtraceSession? session, PtraceAttachSession? attach)
    {
        _writer = writer;
        _session = session;
        _attach = attach;
    }

    /// <summary>The traced program's pid (the first attached pid with -p).</summary>
    public int RootPid => _session?.RootPid ?? _attach!.RootPid;

    /// <summary>The syscall numbers that must stop: the traced ones and the injected ones.</summary>
    public static int[] Interest(TraceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var set = new HashSet<int>(options.Filter.Numbers);
        foreach (var rule in options.Injections) set.UnionWith(rule.Numbers);
        int[] numbers = [.. set];
        Array.Sort(numbers);
        return numbers;
    }

    /// <summary>Starts <paramref name="spec"/> traced. Throws <see cref="SpawnException"/> when it cannot start.</summary>
    public static TraceRun Start(TraceOptions options, SpawnSpec spec)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(spec);
        var writer = CreateWriter(options);
        try
        {
            return new TraceRun(writer, PtraceSession.Start(spec, Interest(options), writer), null);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Attaches to every thread of <paramref name="pid"/> (strace -p). Throws when it cannot.</summary>
    public static TraceRun Attach(TraceOptions options, int pid)
    {
        ArgumentNullException.ThrowIfNull(options);
        var writer = CreateWriter(options);
        writer.RootTid = pid;
        try
        {
            return new TraceRun(writer, null, PtraceAttachSession.Start(pid, writer));
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="signal"/> to the traced program (SIGTERM/SIGHUP passed on).</summary>
    public void Signal(int signal) => Libc.Kill(RootPid, signal);

    /// <summary>With -p: stop tracing, leave the processes running (Ctrl-C). Any thread.</summary>
    public void Detach() => _attach?.RequestDetach();

    /// <summary>Blocks until tracing ends; returns the program's exit code (128+N when killed by signal N;
    /// 0 after a detach). The output is complete and flushed when it returns.</summary>
    public int Wait()
    {
        try
        {
            if (_session is not null) return _session.WaitForExit().ShellExitCode;
            var status = _attach!.Completion.GetAwaiter().GetResult();
            _attach.WaitForTracerThread();
            return status is { } s ? (s.Signaled ? 128 + s.TermSignal : s.ExitCode) : 0;
        }
        finally
        {
            _writer.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _session?.Dispose();
        _writer.Dispose();
    }

    private static StraceLineWriter CreateWriter(TraceOptions options)
    {
        if (options.OutputPath is { } path && !(options.PerProcessFiles && !options.Summary))
            return new StraceLineWriter(options, new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1), ownsOutput: true);
        return new StraceLineWriter(options, Console.OpenStandardError(), ownsOutput: true);
    }
}
