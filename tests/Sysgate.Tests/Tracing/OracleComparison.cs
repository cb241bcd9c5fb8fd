using System.Text;
using Xunit.Abstractions;

namespace Sysgate.Tests.Tracing;

/// <summary>
/// Compares two parsed transcripts process by process. Processes are matched as a multiset (which child
/// shows up first is scheduling, not tracing), but each matched pair must have the same number of calls
/// with the same names and normalized results in the same order.
/// </summary>
/// <remarks>
/// Tolerated, narrowly, because they are timing and not tracing: a SIGCHLD that interrupts a call adds a
/// <c>? ERESTART*</c> result and an <c>rt_sigreturn</c> (both dropped); a <c>wait4</c> that found no child
/// yet before the one that reaped it is dropped when it returned 0 or ECHILD... only runs of wait4 are touched.
/// </remarks>
internal static class OracleComparison
{
    public static List<CallResult> Canonical(IReadOnlyList<CallResult> calls)
    {
        var result = new List<CallResult>(calls.Count);
        foreach (var c in calls)
        {
            if (c.Name == "rt_sigreturn") continue;
            if (c.Result.StartsWith("? ERESTART", StringComparison.Ordinal) || c.Result is "-1 EINTR" && c.Name is "wait4" or "read") continue;
            result.Add(c);
        }
        return result;
    }

    public static void AssertSameProcesses(List<(int Pid, List<CallResult> Calls)> expected,
        List<(int Pid, List<CallResult> Calls)> actual, ITestOutputHelper output)
    {
        var exp = expected.Select(p => (p.Pid, Calls: Canonical(p.Calls))).ToList();
        var act = actual.Select(p => (p.Pid, Calls: Canonical(p.Calls))).ToList();
        var report = new StringBuilder();
        report.AppendLine($"strace: {exp.Count} processes ({string.Join(", ", exp.Select(p => p.Calls.Count))} calls); " +
                          $"sysgate: {act.Count} processes ({string.Join(", ", act.Select(p => p.Calls.Count))} calls)");
        var remaining = act.ToList();
        var unmatched = new List<(int Pid, List<CallResult> Calls)>();
        foreach (var e in exp)
        {
            int i = remaining.FindIndex(a => a.Calls.SequenceEqual(e.Calls));
            if (i >= 0) remaining.RemoveAt(i);
            else unmatched.Add(e);
        }
        foreach (var e in unmatched)
        {
            var best = remaining.OrderByDescending(a => CommonPrefix(a.Calls, e.Calls)).FirstOrDefault();
            report.AppendLine($"strace pid {e.Pid} ({e.Calls.Count} calls) has no equal sysgate process; closest: pid {best.Pid} ({best.Calls?.Count ?? 0} calls)");
            if (best.Calls is not null) AppendDiff(report, e.Calls, best.Calls);
        }
        output.WriteLine(report.ToString());
        Assert.True(exp.Count == act.Count && unmatched.Count == 0, report.ToString());
    }

    private static int CommonPrefix(List<CallResult> a, List<CallResult> b)
    {
        int n = 0;
        while (n < a.Count && n < b.Count && a[n] == b[n]) n++;
        return n;
    }

    private static void AppendDiff(StringBuilder sb, List<CallResult> e, List<CallResult> a)
    {
        int at = CommonPrefix(e, a);
        sb.AppendLine($"  first difference at call #{at}:");
        for (int i = Math.Max(0, at - 3); i < Math.Min(Math.Max(e.Count, a.Count), at + 8); i++)
            sb.AppendLine($"  {i,4}  strace {(i < e.Count ? e[i].ToString() : "-"),-40} sysgate {(i < a.Count ? a[i].ToString() : "-")}");
    }
}
