using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Sysgate.Native;

namespace Sysgate.Syscalls;

/// <summary>
/// The syscall table: every x86_64 and aarch64 system call with numbers, classes and argument
/// signatures. Generated from <c>data/syscalls/syscalls.tsv</c> (see <c>src/Sysgate.Generators</c>); this
/// one table drives decoding, BPF interest sets and vetting.
/// </summary>
/// <remarks>
/// Numbers, classes and names are constant data compiled into the binary; the <see cref="SyscallInfo"/> of a
/// call (its argument signature and flag sets) is built the first time that call is looked up. A short
/// <c>sysgate trace</c> meets a few dozen distinct calls, so it never pays for the other ~350.
/// </remarks>
public static partial class SyscallTable
{
    private static readonly SyscallInfo?[] s_entries = new SyscallInfo?[Count];

    /// <summary>Every known system call, ordered by x86_64 number (enumerating builds every entry).</summary>
    public static IReadOnlyList<SyscallInfo> All { get; } = new EntryList();

    /// <summary>The entry with dense index <paramref name="id"/> (0 to <see cref="Count"/> - 1).</summary>
    public static SyscallInfo Get(int id)
    {
        var entry = Volatile.Read(ref s_entries[id]);
        if (entry is not null)
            return entry;
        // Two threads may build the same entry at once; both then return the one published first.
        return Interlocked.CompareExchange(ref s_entries[id], entry = Create(id), null) ?? entry;
    }

    /// <summary>The call numbered <paramref name="number"/> on <paramref name="arch"/>, or null (O(1)).</summary>
    public static SyscallInfo? Lookup(Arch arch, int number)
    {
        int id = IdOf(arch, number);
        return id >= 0 ? Get(id) : null;
    }

    /// <summary>True when <paramref name="number"/> is a known call on <paramref name="arch"/> (builds nothing).</summary>
    public static bool Exists(Arch arch, int number) => IdOf(arch, number) >= 0;

    /// <summary>Finds a call by its kernel name (e.g. "openat").</summary>
    public static bool TryGetByName(string name, [MaybeNullWhen(false)] out SyscallInfo info)
    {
        ArgumentNullException.ThrowIfNull(name);
        int id = IdOf(name);
        info = id >= 0 ? Get(id) : null;
        return info is not null;
    }

    /// <summary>The calls belonging to any class in <paramref name="c"/>.</summary>
    public static IEnumerable<SyscallInfo> InClass(SyscallClass c)
    {
        for (int id = 0; id < Count; id++)
        {
            if ((ClassBits[id] & (uint)c) != 0) yield return Get(id);
        }
    }

    /// <summary>The number of <paramref name="info"/> on <paramref name="arch"/>, or -1 if absent there.</summary>
    public static int NumberOf(SyscallInfo info, Arch arch)
    {
        ArgumentNullException.ThrowIfNull(info);
        return info.NumberOn(arch);
    }

    /// <summary>The highest syscall number known on <paramref name="arch"/>.</summary>
    public static int MaxNumber(Arch arch) => Ids(arch).Length - 1;

    /// <summary>The classes of the call with dense index <paramref name="id"/>, without building its entry.</summary>
    internal static SyscallClass ClassesOf(int id) => (SyscallClass)ClassBits[id];

    /// <summary>The number of the call with dense index <paramref name="id"/> on <paramref name="arch"/>, or -1,
    /// without building its entry.</summary>
    internal static int NumberOf(int id, Arch arch) => arch == Arch.X86_64 ? X86_64Numbers[id] : Aarch64Numbers[id];

    private static int IdOf(Arch arch, int number)
    {
        var ids = Ids(arch);
        return (uint)number < (uint)ids.Length ? ids[number] : -1;
    }

    private static ReadOnlySpan<short> Ids(Arch arch) => arch switch
    {
        Arch.X86_64 => X86_64Ids,
        Arch.Aarch64 => Aarch64Ids,
        _ => throw new PlatformNotSupportedException($"No syscall table for {arch}."),
    };

    // All as a list whose entries are built on access.
    private sealed class EntryList : IReadOnlyList<SyscallInfo>
    {
        public SyscallInfo this[int index] => (uint)index < Count ? Get(index) : throw new ArgumentOutOfRangeException(nameof(index));

        int IReadOnlyCollection<SyscallInfo>.Count => Count;

        public IEnumerator<SyscallInfo> GetEnumerator()
        {
            for (int id = 0; id < Count; id++) yield return Get(id);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
