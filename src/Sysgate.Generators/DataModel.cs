namespace Sysgate.Generators;

internal sealed record FlagRow(string Name, ulong Value, ulong Mask, string? Arch);

internal sealed record ArgRow(string Name, string Kind, int LengthArg, string? Set, string? Struct);

internal sealed record SyscallRow(string Name, int X86, int Aarch64, List<string> Classes, string Returns, List<ArgRow> Args);

/// <summary>Reads flagsets.tsv: set, name, value, [mask or '-'], [arch].</summary>
internal static class FlagSetData
{
    public static Dictionary<string, List<FlagRow>> Load(string path)
    {
        var sets = new Dictionary<string, List<FlagRow>>(StringComparer.Ordinal);
        foreach (var f in TableGenerator.Rows(path))
        {
            if (f.Length < 3) throw new FormatException($"{path}: need set, name, value: {string.Join(' ', f)}");
            ulong mask = f.Length > 3 && f[3] != "-" ? TableGenerator.ParseNumber(f[3]) : 0;
            string? arch = f.Length > 4 ? f[4] : null;
            if (arch is not (null or "x86_64" or "aarch64")) throw new FormatException($"{path}: bad arch '{arch}'");
            if (!sets.TryGetValue(f[0], out var list)) sets[f[0]] = list = [];
            list.Add(new FlagRow(f[1], TableGenerator.ParseNumber(f[2]), mask, arch));
        }
        return sets;
    }
}

/// <summary>Reads syscalls.tsv: name, x86_64 nr, aarch64 nr, classes, return kind, args.</summary>
internal static class SyscallData
{
    private static readonly Dictionary<string, string> Returns = new()
    {
        ["int"] = "Int", ["long"] = "Long", ["size"] = "Size", ["fd"] = "Fd", ["pid"] = "Pid",
        ["addr"] = "Address", ["octal"] = "Octal", ["none"] = "NoReturn",
    };

    private static readonly Dictionary<string, string> Simple = new()
    {
        ["int"] = "Int", ["uint"] = "UInt", ["long"] = "Long", ["ulong"] = "ULong", ["hex"] = "Hex",
        ["ptr"] = "Pointer", ["size"] = "Size", ["off"] = "Offset", ["fd"] = "Fd", ["dirfd"] = "DirFd",
        ["path"] = "Path", ["str"] = "String", ["mode"] = "Mode", ["uid"] = "Uid", ["gid"] = "Gid",
        ["pid"] = "Pid", ["signal"] = "Signal", ["skip"] = "Skip", ["strarr"] = "StringArray", ["envarr"] = "EnvArray",
    };

    private static readonly Dictionary<string, string> WithLength = new()
    {
        ["inbuf"] = "InBuffer", ["outbuf"] = "OutBuffer", ["outstr"] = "OutString", ["iovec"] = "IoVec",
        ["oiovec"] = "OutIoVec", ["sockaddr"] = "SockAddr", ["osockaddr"] = "OutSockAddr",
    };

    public static List<SyscallRow> Load(string path, Dictionary<string, List<FlagRow>> sets)
    {
        var rows = new List<SyscallRow>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in TableGenerator.Rows(path))
        {
            if (f.Length != 6) throw new FormatException($"{path}: {f[0]}: need 6 tab-separated columns, got {f.Length}");
            string name = f[0];
            if (!names.Add(name)) throw new FormatException($"{path}: duplicate syscall {name}");
            int x86 = f[1] == "-" ? -1 : int.Parse(f[1]);
            int a64 = f[2] == "-" ? -1 : int.Parse(f[2]);
            var classes = f[3] == "-" ? new List<string>() : f[3].Split(',').ToList();
            if (!Returns.TryGetValue(f[4], out var ret)) throw new FormatException($"{path}: {name}: unknown return kind {f[4]}");
            var argTokens = f[5] == "-" ? [] : f[5].Split(' ');
            var args = argTokens.Select(t => ParseArg(path, name, t, argTokens.Length, sets)).ToList();
            rows.Add(new SyscallRow(name, x86, a64, classes, ret, args));
        }
        return rows;
    }

    private static ArgRow ParseArg(string path, string call, string token, int argCount, Dictionary<string, List<FlagRow>> sets)
    {
        int colon = token.IndexOf(':');
        if (colon <= 0) throw new FormatException($"{path}: {call}: argument '{token}' is not name:kind");
        string name = token[..colon];
        var m = TableGenerator.KindPattern().Match(token[(colon + 1)..]);
        if (!m.Success) throw new FormatException($"{path}: {call}: bad kind in '{token}'");
        string kind = m.Groups[1].Value, param = m.Groups[2].Value;
        if (Simple.TryGetValue(kind, out var simple) && param.Length == 0) return new ArgRow(name, simple, -1, null, null);
        if (WithLength.TryGetValue(kind, out var lk))
        {
            if (!int.TryParse(param, out int len) || len < 0 || len >= argCount)
                throw new FormatException($"{path}: {call}: '{token}' needs a length argument index below {argCount}");
            return new ArgRow(name, lk, len, null, null);
        }
        if (kind is "flags" or "enum")
        {
            if (!sets.ContainsKey(param)) throw new FormatException($"{path}: {call}: unknown set '{param}' in flagsets.tsv");
            return new ArgRow(name, kind == "flags" ? "Flags" : "Enum", -1, param, null);
        }
        if (kind is "struct" or "ostruct" && param.Length > 0)
            return new ArgRow(name, kind == "struct" ? "StructPtr" : "OutStructPtr", -1, null, param);
        throw new FormatException($"{path}: {call}: unknown argument kind '{token}'");
    }
}

/// <summary>Reads errno.tsv: number, name, message (or "=alias").</summary>
internal static class ErrnoData
{
    public static List<(int Number, string Name, string Message)> Load(string path) =>
        TableGenerator.Rows(path).Select(f => (int.Parse(f[0]), f[1], f[2])).ToList();
}
