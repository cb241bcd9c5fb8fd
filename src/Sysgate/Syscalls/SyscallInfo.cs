using Sysgate.Native;

namespace Sysgate.Syscalls;

/// <summary>One system call: name, numbers per architecture, classes and argument signature.</summary>
public sealed class SyscallInfo
{
    /// <summary>Creates an entry (used by the generated table).</summary>
    public SyscallInfo(int id, string name, int numberX86_64, int numberAarch64, SyscallClass classes,
        ReturnKind returns, ArgSpec[] args)
    {
        Id = id;
        Name = name;
        NumberX86_64 = numberX86_64;
        NumberAarch64 = numberAarch64;
        Classes = classes;
        Returns = returns;
        Args = args;
        int firstOut = args.Length;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].IsOutput) { firstOut = i; break; }
        }
        FirstOutputArg = firstOut;
    }

    /// <summary>Dense index of this entry in <see cref="SyscallTable.All"/> (for per-syscall arrays).</summary>
    public int Id { get; }

    /// <summary>The syscall name (kernel table spelling, e.g. <c>newfstatat</c>).</summary>
    public string Name { get; }

    /// <summary>The x86_64 number, or -1 if the call does not exist there.</summary>
    public int NumberX86_64 { get; }

    /// <summary>The aarch64 number, or -1 if the call does not exist there.</summary>
    public int NumberAarch64 { get; }

    /// <summary>The trace classes the call belongs to.</summary>
    public SyscallClass Classes { get; }

    /// <summary>The arguments in register order (Skip slots included, so index = register).</summary>
    public IReadOnlyList<ArgSpec> Args { get; }

    /// <summary>How the return value is rendered.</summary>
    public ReturnKind Returns { get; }

    /// <summary>Index of the first argument decoded at exit (= Args.Count when none): strace prints up to here at entry.</summary>
    public int FirstOutputArg { get; }

    /// <summary>True when some argument is written by the kernel, so a full decode needs the syscall exit.</summary>
    public bool HasOutputArgs => FirstOutputArg < Args.Count;

    /// <summary>The number on <paramref name="arch"/>, or -1.</summary>
    public int NumberOn(Arch arch) => arch == Arch.X86_64 ? NumberX86_64 : NumberAarch64;

    /// <summary>True when the call belongs to any class in <paramref name="c"/>.</summary>
    public bool IsIn(SyscallClass c) => (Classes & c) != 0;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
