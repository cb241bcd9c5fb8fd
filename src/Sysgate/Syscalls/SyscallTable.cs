using System.Diagnostics.CodeAnalysis;
using Sysgate.Native;

namespace Sysgate.Syscalls;

/// <summary>
/// The syscall table: every x86_64 and aarch64 system call with numbers, classes and argument
/// signatures. Generated from <c>data/syscalls/syscalls.tsv</c> (see <c>src/Sysgate.Generators</c>); this
/// one table drives decoding, BPF interest sets and vetting.
/// </summary>
public static partial class SyscallTable
{
    private static readonly SyscallInfo[] s_all = CreateAll();
    private static readonly SyscallInfo?[] s_x86_64 = IndexBy(Arch.X86_64);
    private static readonly SyscallInfo?[] s_aarch64 = IndexBy(Arch.Aarch64);
    private static readonly Dictionary<string, SyscallInfo> s_byName = s_all.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>Every known system call, ordered by x86_64 number.</summary>
    public static IReadOnlyList<SyscallInfo> All => s_all;

    /// <summary>The call numbered <paramref name="number"/> on <paramref name="arch"/>, or null (O(1)).</summary>
    public static SyscallInfo? Lookup(Arch arch, int number)
    {
        var index = arch == Arch.X86_64 ? s_x86_64 : s_aarch64;
        return (uint)number < (uint)index.Length ? index[number] : null;
    }

    /// <summary>Finds a call by its kernel name (e.g. "openat").</summary>
    public static bool TryGetByName(string name, [MaybeNullWhen(false)] out SyscallInfo info)
        => s_byName.TryGetValue(name, out info);

    /// <summary>The calls belonging to any class in <paramref name="c"/>.</summary>
    public static IEnumerable<SyscallInfo> InClass(SyscallClass c)
    {
        foreach (var s in s_all)
        {
            if ((s.Classes & c) != 0) yield return s;
        }
    }

    /// <summary>The number of <paramref name="info"/> on <paramref name="arch"/>, or -1 if absent there.</summary>
    public static int NumberOf(SyscallInfo info, Arch arch) => info.NumberOn(arch);

    /// <summary>The highest syscall number known on <paramref name="arch"/>.</summary>
    public static int MaxNumber(Arch arch) => (arch == Arch.X86_64 ? s_x86_64 : s_aarch64).Length - 1;

    private static SyscallInfo?[] IndexBy(Arch arch)
    {
        int max = 0;
        foreach (var s in s_all) max = Math.Max(max, s.NumberOn(arch));
        var index = new SyscallInfo?[max + 1];
        foreach (var s in s_all)
        {
            int n = s.NumberOn(arch);
            if (n >= 0) index[n] = s;
        }
        return index;
    }
}
