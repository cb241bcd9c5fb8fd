using System.Diagnostics.CodeAnalysis;

namespace Sysgate.Syscalls;

/// <summary>
/// The named constant sets (generated from <c>data/syscalls/flagsets.tsv</c>): open flags, AT_* flags,
/// mmap prot/flags, clone flags, signals, socket domains/types, fcntl commands, and more.
/// </summary>
public static partial class FlagSets
{
    private static Dictionary<string, FlagSet>? s_byName;

    /// <summary>Finds a set by its data name (e.g. "open", "signal").</summary>
    public static bool TryGet(string name, [MaybeNullWhen(false)] out FlagSet set)
    {
        // Built on first use, not in a field initializer: the sets live in the generated partial file and
        // initializer order across partial files is unspecified.
        s_byName ??= CreateAll().ToDictionary(s => s.Name, StringComparer.Ordinal);
        return s_byName.TryGetValue(name, out set);
    }
}
