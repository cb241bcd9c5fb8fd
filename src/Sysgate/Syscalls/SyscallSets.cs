using Sysgate.Native;

namespace Sysgate.Syscalls;

/// <summary>
/// strace-style syscall selections (<c>-e trace=%file,close</c>): names, classes with or without the
/// <c>%</c> prefix (<c>%file %desc %network %net %process %signal %ipc %memory %creds %clock %stat
/// %lstat %fstat %%stat %statfs %fstatfs %%statfs %pure</c>), <c>all</c>, <c>none</c>, a leading <c>!</c>
/// negating the whole list, and <c>?name</c> for a name that may be unknown.
/// </summary>
public static class SyscallSets
{
    private static readonly Dictionary<string, SyscallClass> s_classes = new(StringComparer.Ordinal)
    {
        ["file"] = SyscallClass.File, ["desc"] = SyscallClass.Desc, ["network"] = SyscallClass.Network,
        ["net"] = SyscallClass.Network, ["process"] = SyscallClass.Process, ["signal"] = SyscallClass.Signal,
        ["ipc"] = SyscallClass.Ipc, ["memory"] = SyscallClass.Memory, ["creds"] = SyscallClass.Creds,
        ["clock"] = SyscallClass.Clock, ["stat"] = SyscallClass.Stat, ["lstat"] = SyscallClass.Lstat,
        ["fstat"] = SyscallClass.Fstat, ["%stat"] = SyscallClass.StatLike, ["statfs"] = SyscallClass.StatFs,
        ["fstatfs"] = SyscallClass.FStatFs, ["%statfs"] = SyscallClass.StatFsLike, ["pure"] = SyscallClass.Pure,
    };

    /// <summary>Parses a class name: "%file", "file", "%%stat".</summary>
    public static bool TryParseClass(string text, out SyscallClass c)
    {
        ArgumentNullException.ThrowIfNull(text);
        return s_classes.TryGetValue(text.StartsWith('%') ? text[1..] : text, out c);
    }

    /// <summary>
    /// The calls selected by <paramref name="spec"/>, restricted to those that exist on <paramref name="arch"/>
    /// (all known calls when null), in table order. Throws <see cref="FormatException"/> naming an unknown item.
    /// </summary>
    public static IReadOnlyList<SyscallInfo> Parse(string spec, Arch? arch = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string body = spec.Trim();
        bool negate = body.StartsWith('!');
        if (negate) body = body[1..];
        var selected = new bool[SyscallTable.All.Count];
        foreach (var raw in body.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            bool optional = raw.StartsWith('?');
            string item = optional ? raw[1..] : raw;
            if (item is "all") { Array.Fill(selected, true); continue; }
            if (item is "none") continue;
            if (SyscallTable.TryGetByName(item, out var info)) { selected[info.Id] = true; continue; }
            if ((item.StartsWith('%') || !optional) && TryParseClass(item, out var c))
            {
                foreach (var s in SyscallTable.InClass(c)) selected[s.Id] = true;
                continue;
            }
            if (!optional)
                throw new FormatException($"Unknown syscall or class '{item}' in '{spec}' (classes: %file %desc %network %process %signal %ipc %memory %creds %clock %stat %lstat %fstat %%stat %statfs %fstatfs %%statfs %pure; prefix '?' to allow unknown names).");
        }
        var result = new List<SyscallInfo>();
        foreach (var s in SyscallTable.All)
        {
            if (selected[s.Id] == negate) continue;
            if (arch is { } a && s.NumberOn(a) < 0) continue;
            result.Add(s);
        }
        return result;
    }
}
