using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Tracing;

/// <summary>
/// strace's <c>-e EXPR</c>: <c>trace=SET</c> (also a bare <c>SET</c>), <c>status=LIST</c> and
/// <c>inject=SET:error=E|retval=N[:when=W]</c>. Several trace= add up; the first replaces the default (all).
/// </summary>
public static class TraceExpressions
{
    /// <summary>Parses every -e value; throws <see cref="FormatException"/> naming the bad one.</summary>
    public static (TraceFilter Filter, IReadOnlyList<InjectRule> Injections) Parse(IEnumerable<string> expressions, Arch arch)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        bool[]? traced = null;
        var status = CallStatus.All;
        var injections = new List<InjectRule>();
        foreach (string expr in expressions)
        {
            int eq = expr.IndexOf('=');
            string key = eq < 0 ? "trace" : expr[..eq], value = eq < 0 ? expr : expr[(eq + 1)..];
            switch (key)
            {
                case "trace" or "t":
                    traced ??= new bool[SyscallTable.MaxNumber(arch) + 1];
                    foreach (var s in SyscallSets.Parse(value, arch)) traced[s.NumberOn(arch)] = true;
                    break;
                case "status":
                    status = ParseStatus(value);
                    break;
                case "inject":
                    injections.Add(InjectSpec.Parse(value, arch));
                    break;
                default:
                    throw new FormatException($"-e {expr}: '{key}=' is not supported (supported: trace=, status=, inject=).");
            }
        }
        var filter = traced is null ? TraceFilter.All(arch).WithStatus(status) : new TraceFilter(traced, status);
        return (filter, injections);
    }

    /// <summary>status=successful,failed,unfinished (or all, none, and a leading ! to negate).</summary>
    public static CallStatus ParseStatus(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        bool negate = value.StartsWith('!');
        var set = CallStatus.None;
        foreach (string item in (negate ? value[1..] : value).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            set |= item switch
            {
                "successful" => CallStatus.Successful,
                "failed" => CallStatus.Failed,
                "unfinished" => CallStatus.Unfinished,
                "unavailable" or "detached" or "none" => CallStatus.None,
                "all" => CallStatus.All,
                _ => throw new FormatException($"-e status={value}: unknown status '{item}' (successful, failed, unfinished, all, none)."),
            };
        }
        return negate ? CallStatus.All & ~set : set;
    }
}
