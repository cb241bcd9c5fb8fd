using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Tracing;

/// <summary>What gets printed: the traced syscall set (<c>-e trace=</c>) and the status classes (<c>-e status=</c>).</summary>
public sealed class TraceFilter
{
    private readonly bool[] _traced;

    /// <summary>Creates a filter; <paramref name="traced"/> is indexed by syscall number.</summary>
    public TraceFilter(bool[] traced, CallStatus status)
    {
        ArgumentNullException.ThrowIfNull(traced);
        _traced = traced;
        Status = status;
    }

    /// <summary>Every call, every status (strace's default).</summary>
    public static TraceFilter All(Arch arch)
    {
        var all = new bool[SyscallTable.MaxNumber(arch) + 1];
        for (int n = 0; n < all.Length; n++)
            all[n] = SyscallTable.Exists(arch, n); // from the number index: no table entry gets built
        return new TraceFilter(all, CallStatus.All);
    }

    /// <summary>The status classes printed.</summary>
    public CallStatus Status { get; }

    /// <summary>True when syscall <paramref name="number"/> is traced.</summary>
    public bool Traces(int number) => (uint)number < (uint)_traced.Length && _traced[number];

    /// <summary>True when a call that ended in <paramref name="status"/> is printed.</summary>
    public bool Shows(CallStatus status) => (Status & status) != 0;

    /// <summary>The traced syscall numbers.</summary>
    public IEnumerable<int> Numbers
    {
        get
        {
            for (int i = 0; i < _traced.Length; i++)
                if (_traced[i]) yield return i;
        }
    }

    /// <summary>A copy with another status set.</summary>
    public TraceFilter WithStatus(CallStatus status) => new(_traced, status);
}
