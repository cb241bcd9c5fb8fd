namespace Sysgate.Syscalls;

/// <summary>One argument of a system call: its name and what it means.</summary>
public sealed class ArgSpec
{
    /// <summary>Creates an argument description (used by the generated table).</summary>
    public ArgSpec(string name, ArgKind kind, int lengthArg = -1, FlagSet? set = null, string? structName = null)
    {
        Name = name;
        Kind = kind;
        LengthArg = lengthArg;
        Set = set;
        StructName = structName;
    }

    /// <summary>The argument name (as in the kernel prototype / man page).</summary>
    public string Name { get; }

    /// <summary>What the argument means.</summary>
    public ArgKind Kind { get; }

    /// <summary>For buffers, iovecs and socket addresses: the index of the argument giving the length; else -1.</summary>
    public int LengthArg { get; }

    /// <summary>For <see cref="ArgKind.Flags"/> and <see cref="ArgKind.Enum"/>: the named value set.</summary>
    public FlagSet? Set { get; }

    /// <summary>The name of <see cref="Set"/>, or null.</summary>
    public string? SetName => Set?.Name;

    /// <summary>For struct pointers: the struct name (stat, sigaction, timespec...).</summary>
    public string? StructName { get; }

    /// <summary>True when the kernel writes through this argument, so it is decoded at syscall exit.</summary>
    public bool IsOutput => Kind is ArgKind.OutBuffer or ArgKind.OutString or ArgKind.OutIoVec
        or ArgKind.OutSockAddr or ArgKind.OutStructPtr;

    /// <inheritdoc/>
    public override string ToString() => $"{Name}:{Kind}";
}
