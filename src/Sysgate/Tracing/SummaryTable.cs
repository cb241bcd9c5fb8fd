using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sysgate.Syscalls;

namespace Sysgate.Tracing;

/// <summary>
/// strace -c: per-syscall calls, errors and time (wall time from syscall entry stop to exit stop), printed
/// as strace's table sorted by time, then calls, then name.
/// </summary>
public sealed class SummaryTable
{
    private readonly long[] _calls = new long[SyscallTable.All.Count];
    private readonly long[] _errors = new long[SyscallTable.All.Count];
    private readonly long[] _ticks = new long[SyscallTable.All.Count];

    /// <summary>Counts one finished call that took <paramref name="elapsedTicks"/> (<see cref="Stopwatch"/> ticks).</summary>
    public void Add(SyscallInfo info, long elapsedTicks, bool failed)
    {
        ArgumentNullException.ThrowIfNull(info);
        _calls[info.Id]++;
        if (failed) _errors[info.Id]++;
        _ticks[info.Id] += Math.Max(0, elapsedTicks);
    }

    /// <summary>Calls of <paramref name="info"/> counted so far.</summary>
    public long CallsOf(SyscallInfo info) => _calls[info.Id];

    /// <summary>Errors of <paramref name="info"/> counted so far.</summary>
    public long ErrorsOf(SyscallInfo info) => _errors[info.Id];

    /// <summary>Appends the table (header, one row per syscall seen, total), lines ending in '\n'.</summary>
    public void AppendTo(StringBuilder sb)
    {
        ArgumentNullException.ThrowIfNull(sb);
        var rows = new List<int>();
        long totalCalls = 0, totalErrors = 0, totalTicks = 0;
        for (int i = 0; i < _calls.Length; i++)
        {
            if (_calls[i] == 0) continue;
            rows.Add(i);
            totalCalls += _calls[i];
            totalErrors += _errors[i];
            totalTicks += _ticks[i];
        }
        rows.Sort((a, b) =>
        {
            int c = _ticks[b].CompareTo(_ticks[a]);
            if (c == 0) c = _calls[b].CompareTo(_calls[a]);
            return c != 0 ? c : string.CompareOrdinal(SyscallTable.All[a].Name, SyscallTable.All[b].Name);
        });
        const string Rule = "------ ----------- ----------- --------- --------- ----------------\n";
        sb.Append("% time     seconds  usecs/call     calls    errors syscall\n").Append(Rule);
        foreach (int i in rows)
            AppendRow(sb, totalTicks == 0 ? 0 : 100.0 * _ticks[i] / totalTicks, _ticks[i], _calls[i], _errors[i], SyscallTable.All[i].Name);
        sb.Append(Rule);
        AppendRow(sb, 100.0, totalTicks, totalCalls, totalErrors, "total");
    }

    private static void AppendRow(StringBuilder sb, double percent, long ticks, long calls, long errors, string name)
    {
        double seconds = (double)ticks / Stopwatch.Frequency;
        long usecsPerCall = calls == 0 ? 0 : (long)(seconds * 1e6 / calls);
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"{percent,6:F2} {seconds,11:F6} {usecsPerCall,11} {calls,9} ");
        if (errors == 0) sb.Append(' ', 9); else sb.Append(inv, $"{errors,9}");
        sb.Append(' ').Append(name).Append('\n');
    }
}
