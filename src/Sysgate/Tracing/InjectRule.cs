namespace Sysgate.Tracing;

/// <summary>
/// One <c>-e inject=SET:error=E|retval=N[:when=EXPR]</c> rule: which calls (by number on the host
/// architecture), what the tracee sees instead of running them, and on which occurrences.
/// </summary>
public sealed class InjectRule
{
    private readonly bool[] _numbers;

    /// <summary>Creates a rule; <paramref name="numbers"/> is indexed by syscall number.</summary>
    public InjectRule(bool[] numbers, long result, int first, int step)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        if (first < 1) throw new ArgumentOutOfRangeException(nameof(first), "occurrences count from 1");
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step));
        _numbers = numbers;
        Result = result;
        First = first;
        Step = step;
    }

    /// <summary>The value the tracee sees: a negative errno for error=, else retval=.</summary>
    public long Result { get; }

    /// <summary>The first occurrence (1-based, per process and syscall) that is injected.</summary>
    public int First { get; }

    /// <summary>0: only <see cref="First"/>; S: then every S-th occurrence after it (1 = all later ones).</summary>
    public int Step { get; }

    /// <summary>True when syscall <paramref name="number"/> is in the rule's set.</summary>
    public bool Covers(int number) => (uint)number < (uint)_numbers.Length && _numbers[number];

    /// <summary>The syscall numbers in the set.</summary>
    public IEnumerable<int> Numbers
    {
        get
        {
            for (int i = 0; i < _numbers.Length; i++)
                if (_numbers[i]) yield return i;
        }
    }

    /// <summary>True when the <paramref name="occurrence"/>-th call (1-based) is injected (strace's when=).</summary>
    public bool AppliesTo(int occurrence)
    {
        if (occurrence < First) return false;
        if (Step == 0) return occurrence == First;
        return (occurrence - First) % Step == 0;
    }
}
