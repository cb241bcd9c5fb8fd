using System.Globalization;
using System.Text.RegularExpressions;

namespace Sysgate.Tests.Tracing;

/// <summary>One finished (or never finished) call as the oracle comparison sees it.</summary>
public readonly record struct CallResult(string Name, string Result)
{
    public override string ToString() => $"{Name}={Result}";
}

/// <summary>
/// Parses strace-format output (strace's own and sysgate's): <c>[pid N] </c> and <c>N  </c> (-o FILE -f)
/// prefixes, <c>&lt;unfinished ...&gt;</c> / <c>&lt;... name resumed&gt;</c> pairs, <c>+++</c> and <c>---</c> lines.
/// Returns per process, in order of first appearance, the sequence of (syscall, normalized result).
/// </summary>
/// <remarks>
/// Normalization, so that two runs of the same program compare equal: addresses (results printed in hex or
/// &gt;= 0x10000: mmap, brk) become ADDR; process ids returned by clone/fork/wait4/getpid/set_tid_address...
/// become PID; an error keeps only "-1 ENAME".
/// </remarks>
public static partial class StraceTranscript
{
    private static readonly HashSet<string> PidResults = new(StringComparer.Ordinal)
    {
        "set_tid_address", "getpid", "gettid", "getppid", "getpgrp", "getpgid", "getsid", "clone", "clone3", "fork", "vfork",
        "wait4", "waitid",
    };

    [GeneratedRegex(@"^(?:\[pid\s+(\d+)\] |(\d+)\s+)?(.*)$")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^<\.\.\. (\w+) resumed>.*\s= (.*)$")]
    private static partial Regex Resumed();

    [GeneratedRegex(@"^(\w+)\(.*\)\s+= (.*)$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"^(\w+)\(.* <unfinished \.\.\.>$")]
    private static partial Regex Unfinished();

    /// <summary>Per pid (order of first appearance), the calls in order.</summary>
    public static List<(int Pid, List<CallResult> Calls)> Parse(string text)
    {
        var order = new List<(int Pid, List<CallResult> Calls)>();
        var byPid = new Dictionary<int, List<CallResult>>();
        var pending = new Dictionary<int, (string Name, int Index)>();
        int defaultPid = 0;
        foreach (var raw in text.Split('\n'))
        {
            if (raw.Length == 0) continue;
            var m = Prefix().Match(raw);
            int pid = m.Groups[1].Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
                : m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : defaultPid;
            string body = m.Groups[3].Value;
            if (!byPid.TryGetValue(pid, out var calls))
            {
                calls = new List<CallResult>();
                byPid[pid] = calls;
                order.Add((pid, calls));
            }
            if (body.StartsWith("+++", StringComparison.Ordinal) || body.StartsWith("---", StringComparison.Ordinal)) continue;
            if (Resumed().Match(body) is { Success: true } r)
            {
                if (pending.Remove(pid, out var p)) calls[p.Index] = new CallResult(p.Name, Normalize(p.Name, r.Groups[2].Value));
                continue;
            }
            if (body.EndsWith(" <unfinished ...>", StringComparison.Ordinal) && Unfinished().Match(body) is { Success: true } u)
            {
                pending[pid] = (u.Groups[1].Value, calls.Count);
                calls.Add(new CallResult(u.Groups[1].Value, "?"));
                continue;
            }
            if (Whole().Match(body) is { Success: true } w)
                calls.Add(new CallResult(w.Groups[1].Value, Normalize(w.Groups[1].Value, w.Groups[2].Value)));
        }
        return order;
    }

    /// <summary>The comparable form of a result text like <c>3</c>, <c>0x7f00</c>, <c>-1 ENOENT (...)</c>, <c>?</c>.</summary>
    public static string Normalize(string name, string result)
    {
        result = result.Trim();
        int lt = result.IndexOf(" <", StringComparison.Ordinal);
        if (lt >= 0) result = result[..lt]; // -T
        if (result.StartsWith('?')) return result.Split(' ')[0];
        if (result.StartsWith("-1 ", StringComparison.Ordinal)) return "-1 " + result.Split(' ')[1];
        string first = result.Split(' ', '<')[0];
        if (first.StartsWith("0x", StringComparison.Ordinal)) return "ADDR";
        if (long.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v))
        {
            if (v > 0 && PidResults.Contains(name)) return "PID";
            if (v >= 0x10000) return "ADDR";
            return first;
        }
        return first;
    }
}
