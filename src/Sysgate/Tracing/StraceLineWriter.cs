using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sysgate.Decoding;
using Sysgate.Interception.Ptrace;
using Sysgate.Native;
using Sysgate.Native.Ptrace;
using Sysgate.Syscalls;

namespace Sysgate.Tracing;

/// <summary>
/// The ptrace client behind <c>sysgate trace</c>: decodes calls and writes strace's lines
/// (<c>openat(AT_FDCWD, "/etc/hostname", O_RDONLY) = 3</c>, <c>&lt;unfinished ...&gt;</c>/<c>&lt;... read resumed&gt;</c>
/// when another tracee's line comes between a call's entry and exit, <c>--- SIGCHLD {...} ---</c>,
/// <c>+++ exited with 0 +++</c>), or the -c table, or --json objects. Runs on the tracer thread only.
/// </summary>
/// <remarks>
/// Input arguments are decoded at entry (execve's strings are gone after it succeeds), outputs at exit.
/// Per tracee one reusable <see cref="StringBuilder"/> holds the entry text; nothing else is allocated
/// per call beyond what decoding itself needs.
/// </remarks>
public sealed class StraceLineWriter : IPtraceClient, IDisposable
{
    private const int ResultColumn = 40; // strace aligns " = " here

    private readonly TraceOptions _opt;
    private readonly TraceSink? _shared;
    private readonly TraceeMemoryReader _mem = new();
    private readonly FdPathReader _fds = new();
    private readonly DecodeOptions _decode;
    private readonly Dictionary<int, Tracee> _tracees = new();
    private readonly SummaryTable? _summary;
    private readonly JsonEventWriter? _json;
    private readonly StringBuilder _line = new(256);
    private readonly byte[] _siginfo = new byte[128];
    private readonly bool _lines;
    private readonly bool _pidColumn;
    private int _rootTid;
    private bool _disposed;
    // With the trace on stderr, which the tracee usually shares, lines are flushed before a call that writes,
    // so the tracee's own messages land after the calls that led to them (as with strace).
    private readonly bool[]? _flushBefore;

    /// <summary>
    /// Creates the writer. Lines go to <paramref name="output"/> (stderr, or the -o file the caller
    /// opened); with -ff and an output path, to PATH.TID files opened here instead.
    /// </summary>
    public StraceLineWriter(TraceOptions options, Stream output, bool ownsOutput)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        _opt = options;
        _shared = new TraceSink(output, ownsOutput);
        _decode = new DecodeOptions
        {
            StringLimit = options.StringLimit,
            FdPathResolver = options.FdPaths ? _fds.Resolve : null,
        };
        if (options.Summary) _summary = new SummaryTable();
        else if (options.Json) _json = new JsonEventWriter();
        _lines = !options.Summary && !options.Json;
        // strace: with -o FILE and -f every line starts with the pid; on stderr "[pid N] " once there are two.
        _pidColumn = options.OutputPath is not null && options.FollowForks;
        if (options.OutputPath is null) _flushBefore = WriteCalls(HostArch.Current);
    }

    /// <summary>The first tracee (without -f only its lines print). Set it for attach; else the first event's tid.</summary>
    public int RootTid { get => _rootTid; set => _rootTid = value; }

    /// <summary>The -c table (null without -c).</summary>
    public SummaryTable? Summary => _summary;

    private bool PerProcessFiles => _opt.PerProcessFiles && _opt.OutputPath is not null;

    /// <inheritdoc/>
    public PtraceVerdict OnEntry(ref PtraceCall call, out bool altered)
    {
        altered = false;
        if (_rootTid == 0) _rootTid = call.Tid;
        var t = Get(call.Tid);
        int nr = call.Number;
        bool show = Printing(t) && _opt.Filter.Traces(nr);
        long? inject = _opt.Injections.Count == 0 ? null : Inject(t, nr);
        if (!show && inject is null) return PtraceVerdict.Continue;

        t.Info = SyscallTable.Lookup(call.Arch, nr);
        t.Number = nr;
        t.Pending = show;
        t.Shown = false;
        if (show)
        {
            t.EntryTicks = Stopwatch.GetTimestamp();
            if (_json is not null) t.EntryTime = EpochSeconds();
            t.Entry.Clear();
            if (_lines) AppendPrefix(t.Entry, t);
            if (_summary is null) AppendEntering(t, ref call);
            if (t.Info is { Returns: ReturnKind.NoReturn } && inject is null)
            {
                // exit_group never comes back: print it now, as strace does, with " = ?".
                Finish(t, call.Args, 0, finished: true, injected: false);
                return PtraceVerdict.Continue;
            }
            if (_lines && _opt.Filter.Status == CallStatus.All) Open(t);
        }
        if (_flushBefore is not null && (uint)nr < (uint)_flushBefore.Length && _flushBefore[nr]) t.Sink.Flush();
        if (inject is long value)
        {
            call.Result = value;
            return PtraceVerdict.Skip;
        }
        return PtraceVerdict.Step;
    }

    /// <inheritdoc/>
    public long OnExit(ref PtraceCall call)
    {
        if (_tracees.TryGetValue(call.Tid, out var t) && t.Pending)
            Finish(t, call.Args, call.Result, finished: true, injected: call.Injected);
        return call.Result;
    }

    /// <inheritdoc/>
    public void OnSignal(int tid, int signal)
    {
        var t = Get(tid);
        if (!Printing(t) || _summary is not null) return;
        var line = _line;
        line.Clear();
        if (_lines)
        {
            AppendPrefix(line, t);
            line.Append("--- ");
        }
        SignalDecoders.AppendSignal(line, signal);
        if (PtraceTracer.TryGetSignalInfo(tid, _siginfo))
        {
            line.Append(' ');
            SiginfoFormatter.Format(line, _siginfo, HostArch.Current);
        }
        if (_json is not null)
        {
            _json.WriteSignal(t.Sink, tid, line, EpochSeconds());
            return;
        }
        line.Append(" ---\n");
        CloseOpenLine(t.Sink);
        t.Sink.Write(line);
    }

    /// <inheritdoc/>
    public void OnExec(int tid, int formerTid)
    {
        if (formerTid == tid || !_tracees.Remove(formerTid, out var moved)) return;
        // A non-leader thread exec'd: it now has the leader's tid (the old leader is gone).
        if (_tracees.Remove(tid, out var leader) && PerProcessFiles) leader.Sink.Dispose();
        moved.Tid = tid;
        _tracees[tid] = moved;
        if (_rootTid == formerTid) _rootTid = tid;
    }

    /// <inheritdoc/>
    public void OnExit(int tid, WaitStatus status)
    {
        if (!_tracees.TryGetValue(tid, out var t))
        {
            if (!_opt.FollowForks) return;
            t = Get(tid); // a child that made no traced call still gets its +++ line (and its -ff file)
        }
        if (t.Pending) Finish(t, default, 0, finished: false, injected: false);
        if (Printing(t) && _summary is null)
        {
            if (_json is not null)
            {
                _json.WriteExit(t.Sink, tid, status.Exited ? status.ExitCode : null,
                    status.Exited ? null : SignalName(status.TermSignal), status.CoreDumped, EpochSeconds());
            }
            else
            {
                var line = _line;
                line.Clear();
                AppendPrefix(line, t);
                if (status.Exited) line.Append("+++ exited with ").Append(status.ExitCode).Append(" +++\n");
                else
                {
                    line.Append("+++ killed by ");
                    SignalDecoders.AppendSignal(line, status.TermSignal);
                    line.Append(status.CoreDumped ? " (core dumped) +++\n" : " +++\n");
                }
                CloseOpenLine(t.Sink);
                t.Sink.Write(line);
            }
        }
        _tracees.Remove(tid);
        if (PerProcessFiles) t.Sink.Dispose();
    }

    /// <inheritdoc/>
    public void OnNewTracee(int parentTid, int childTid)
    {
        // Counted from now on, as strace counts a process from its attach: "[pid N]" prefixes start here.
        if (_opt.FollowForks) Get(childTid);
    }

    /// <inheritdoc/>
    public void OnIdle()
    {
        _shared?.Flush();
        if (PerProcessFiles)
            foreach (var t in _tracees.Values) t.Sink.Flush();
    }

    /// <summary>Writes the -c table (if any) and flushes everything.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_summary is not null && _shared is not null)
        {
            _line.Clear();
            _summary.AppendTo(_line);
            _shared.Write(_line);
        }
        if (PerProcessFiles)
            foreach (var t in _tracees.Values) t.Sink.Dispose();
        _tracees.Clear();
        _shared?.Dispose();
    }

    private bool Printing(Tracee t) => _opt.FollowForks || t.Tid == _rootTid;

    private Tracee Get(int tid)
    {
        if (_tracees.TryGetValue(tid, out var t)) return t;
        var sink = PerProcessFiles
            ? new TraceSink(new FileStream($"{_opt.OutputPath}.{tid}", FileMode.Create, FileAccess.Write, FileShare.Read, 1), ownsStream: true)
            : _shared!;
        t = new Tracee(tid, sink);
        _tracees[tid] = t;
        return t;
    }

    private long? Inject(Tracee t, int nr)
    {
        var rules = _opt.Injections;
        for (int i = 0; i < rules.Count; i++) // no interface enumerator per call
        {
            var rule = rules[i];
            if (!rule.Covers(nr)) continue;
            t.Occurrences ??= new int[SyscallTable.MaxNumber(HostArch.Current) + 1];
            int k = (uint)nr < (uint)t.Occurrences.Length ? ++t.Occurrences[nr] : 1;
            return rule.AppliesTo(k) ? rule.Result : null;
        }
        return null;
    }

    private void AppendEntering(Tracee t, ref PtraceCall call)
    {
        _mem.Pid = _fds.Pid = t.Tid;
        ReadOnlySpan<ulong> args = call.Args;
        if (t.Info is { } info) SyscallFormatter.FormatEntering(t.Entry, info, args, _mem, _decode);
        else
        {
            // Unknown to the table: strace's syscall_0x1c3(0x1, ...) with all six registers.
            t.Entry.Append(CultureInfo.InvariantCulture, $"syscall_0x{t.Number:x}(");
            for (int i = 0; i < 6; i++) t.Entry.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"0x{args[i]:x}");
        }
    }

    private void Finish(Tracee t, ReadOnlySpan<ulong> args, long result, bool finished, bool injected)
    {
        t.Pending = false;
        long elapsed = Stopwatch.GetTimestamp() - t.EntryTicks;
        bool noReturn = t.Info is { Returns: ReturnKind.NoReturn };
        bool failed = finished && !noReturn && result < 0 && result >= -4095;
        var status = !finished || noReturn ? CallStatus.Unfinished : failed ? CallStatus.Failed : CallStatus.Successful;
        if (_summary is not null)
        {
            if (t.Info is { } counted) _summary.Add(counted, finished ? elapsed : 0, failed);
            return;
        }
        if (!_opt.Filter.Shows(status))
        {
            if (t.Sink.OpenOwner == t) t.Sink.OpenOwner = null; // cannot happen: lines open only when all show
            return;
        }
        _mem.Pid = _fds.Pid = t.Tid;
        var line = _line;
        line.Clear();
        if (_json is not null)
        {
            AppendExiting(t.Entry, t, args, result, finished);
            _json.WriteCall(t.Sink, t.Tid, t.Info, t.Number, args, t.Entry, result, finished && !noReturn, injected,
                t.EntryTime, finished ? (double)elapsed / Stopwatch.Frequency : null);
            return;
        }
        var sink = t.Sink;
        int column;
        if (sink.OpenOwner == t) column = sink.Column;
        else
        {
            CloseOpenLine(sink);
            if (t.Shown)
            {
                AppendPrefix(line, t);
                line.Append("<... ").Append(t.Info?.Name ?? "syscall").Append(" resumed>");
            }
            else line.Append(t.Entry);
            column = 0;
        }
        AppendExiting(line, t, args, result, finished);
        column += line.Length;
        if (column < ResultColumn - 1) line.Append(' ', ResultColumn - 1 - column);
        if (finished && !noReturn && t.Info is { } info) SyscallFormatter.FormatResult(line, info, result, args, _mem, _decode);
        else if (finished && !noReturn) line.Append(" = ").Append(result);
        else line.Append(" = ?");
        if (injected) line.Append(" (INJECTED)");
        if (_opt.SyscallTimes && finished && !noReturn)
            line.Append(CultureInfo.InvariantCulture, $" <{(double)elapsed / Stopwatch.Frequency:F6}>");
        line.Append('\n');
        sink.Write(line);
        sink.OpenOwner = null;
        t.Shown = false;
    }

    private void AppendExiting(StringBuilder sb, Tracee t, ReadOnlySpan<ulong> args, long result, bool finished)
    {
        if (finished && t.Info is { } info) SyscallFormatter.FormatExiting(sb, info, args, result, _mem, _decode);
        else sb.Append(" <unfinished ...>)"); // the tracee died inside the call (strace's wording)
    }

    private void Open(Tracee t)
    {
        var sink = t.Sink;
        if (sink.OpenOwner != t) CloseOpenLine(sink);
        sink.Write(t.Entry);
        sink.OpenOwner = t;
        sink.Column = t.Entry.Length;
        t.Shown = true;
    }

    private static void CloseOpenLine(TraceSink sink)
    {
        if (sink.OpenOwner is null) return;
        sink.Write(" <unfinished ...>\n");
        sink.OpenOwner = null;
    }

    private void AppendPrefix(StringBuilder sb, Tracee t)
    {
        if (!PerProcessFiles && _opt.FollowForks)
        {
            if (_pidColumn) sb.Append(CultureInfo.InvariantCulture, $"{t.Tid,-5} ");
            else if (_tracees.Count > 1) sb.Append(CultureInfo.InvariantCulture, $"[pid {t.Tid,5}] ");
        }
        switch (_opt.Timestamps)
        {
            case TimestampMode.Seconds:
                sb.Append(CultureInfo.InvariantCulture, $"{DateTime.Now:HH:mm:ss} ");
                break;
            case TimestampMode.Microseconds:
                sb.Append(CultureInfo.InvariantCulture, $"{DateTime.Now:HH:mm:ss.ffffff} ");
                break;
            case TimestampMode.Epoch:
                sb.Append(CultureInfo.InvariantCulture, $"{EpochSeconds():F6} ");
                break;
        }
    }

    private static bool[] WriteCalls(Arch arch)
    {
        var set = new bool[SyscallTable.MaxNumber(arch) + 1];
        foreach (var name in (string[])["write", "writev", "pwrite64", "pwritev", "pwritev2", "sendfile", "splice", "tee",
            "vmsplice", "copy_file_range", "sendto", "sendmsg", "sendmmsg"])
        {
            if (SyscallTable.TryGetByName(name, out var info) && info.NumberOn(arch) >= 0) set[info.NumberOn(arch)] = true;
        }
        return set;
    }

    private static double EpochSeconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond;

    private static string SignalName(int signal)
    {
        var sb = new StringBuilder(12);
        SignalDecoders.AppendSignal(sb, signal);
        return sb.ToString();
    }

    private sealed class Tracee(int tid, TraceSink sink)
    {
        public int Tid = tid;
        public readonly TraceSink Sink = sink;
        public readonly StringBuilder Entry = new(160);
        public SyscallInfo? Info;
        public int Number;
        public bool Pending;   // entered, result not yet written
        public bool Shown;     // entry text already written to the sink
        public long EntryTicks;
        public double EntryTime;
        public int[]? Occurrences;
    }
}
