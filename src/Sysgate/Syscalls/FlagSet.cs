using System.Text;
using Sysgate.Native;

namespace Sysgate.Syscalls;

/// <summary>
/// One named value of a <see cref="FlagSet"/>. A field (<see cref="Mask"/> != 0) matches when
/// <c>(v &amp; Mask) == Value</c>, like O_RDONLY within O_ACCMODE; a flag matches when all its bits are set.
/// </summary>
public readonly record struct FlagEntry(string Name, ulong Value, ulong Mask)
{
    /// <summary>True for a multi-bit field value rather than a flag.</summary>
    public bool IsField => Mask != 0;
}

/// <summary>
/// A named set of constants (open flags, AT_* flags, signal numbers, fcntl commands...), per architecture
/// where values differ. Entry order is print order, like strace's xlat tables.
/// </summary>
public sealed class FlagSet
{
    private readonly FlagEntry[] _x86_64;
    private readonly FlagEntry[] _aarch64;

    /// <summary>Creates a set (used by the generated data).</summary>
    public FlagSet(string name, FlagEntry[] x86_64, FlagEntry[] aarch64)
    {
        Name = name;
        _x86_64 = x86_64;
        _aarch64 = aarch64;
    }

    /// <summary>The set name as used in the syscall table (<c>flags(open)</c> → "open").</summary>
    public string Name { get; }

    /// <summary>The entries valid on <paramref name="arch"/>, in print order.</summary>
    public ReadOnlySpan<FlagEntry> For(Arch arch) => arch == Arch.X86_64 ? _x86_64 : _aarch64;

    /// <summary>The name of exactly <paramref name="value"/> as a single value (enum use), or null.</summary>
    public string? NameOf(long value, Arch arch)
    {
        foreach (ref readonly var e in For(arch))
        {
            if ((long)e.Value == value || (e.Value <= uint.MaxValue && (int)(uint)e.Value == value && value < 0))
                return e.Name;
        }
        return null;
    }

    /// <summary>Looks up a constant by name (e.g. "O_CLOEXEC").</summary>
    public bool TryGetValue(string name, Arch arch, out ulong value)
    {
        foreach (ref readonly var e in For(arch))
        {
            if (e.Name == name) { value = e.Value; return true; }
        }
        value = 0;
        return false;
    }

    /// <summary>
    /// Appends <paramref name="value"/> as <c>A|B|0x...</c>: fields first matched by mask, then flags, then
    /// leftover bits in hex. Zero with no zero-valued field prints "0".
    /// </summary>
    public void AppendFlags(StringBuilder sb, ulong value, Arch arch)
    {
        int start = sb.Length;
        ulong rest = value;
        foreach (ref readonly var e in For(arch))
        {
            if (e.IsField)
            {
                if ((value & e.Mask) == e.Value && (rest & e.Mask) == (value & e.Mask))
                {
                    Sep(sb, start).Append(e.Name);
                    rest &= ~e.Mask;
                }
            }
            else if (e.Value != 0 && (rest & e.Value) == e.Value)
            {
                Sep(sb, start).Append(e.Name);
                rest &= ~e.Value;
            }
        }
        if (rest != 0) Sysgate.Decoding.ValueFormatter.AppendHexDigits(Sep(sb, start).Append("0x"), rest);
        else if (sb.Length == start) sb.Append('0');
    }

    /// <summary>Appends the name of <paramref name="value"/> (enum use) or the number when unknown.</summary>
    public void AppendEnum(StringBuilder sb, long value, Arch arch)
    {
        var name = NameOf(value, arch);
        if (name is not null) sb.Append(name);
        else if (value < 0 || value > 0xffff || Name is "ioctl" or "prctl" or "arch_prctl" or "ptrace")
            Sysgate.Decoding.ValueFormatter.AppendHexDigits(sb.Append("0x"), (ulong)value);
        else sb.Append(value);
    }

    private static StringBuilder Sep(StringBuilder sb, int start) => sb.Length > start ? sb.Append('|') : sb;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
