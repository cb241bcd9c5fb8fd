using System.Diagnostics.CodeAnalysis;

namespace Sysgate.Syscalls;

/// <summary>
/// The named constant sets (generated from <c>data/syscalls/flagsets.tsv</c>): open flags, AT_* flags,
/// mmap prot/flags, clone flags, signals, socket domains/types, fcntl commands, and more. Each set is built
/// on its first use.
/// </summary>
public static partial class FlagSets
{
    /// <summary>Finds a set by its data name (e.g. "open", "signal").</summary>
    public static bool TryGet(string name, [MaybeNullWhen(false)] out FlagSet set)
    {
        ArgumentNullException.ThrowIfNull(name);
        set = ByName(name);
        return set is not null;
    }

    // Publishes a newly built set unless another thread got there first: every caller sees one instance.
    private static FlagSet Publish(ref FlagSet? slot, FlagSet built)
        => Interlocked.CompareExchange(ref slot, built, null) ?? built;
}
