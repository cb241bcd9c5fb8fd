using Sysgate.Native;
using Sysgate.Native.Seccomp;

namespace Sysgate.Interception.Bpf;

/// <summary>
/// Builds the classic-BPF seccomp filter Sysgate installs: check the architecture (anything else is killed,
/// never allowed: a foreign ABI has different numbers), refuse the x32 ABI on x86_64, then map each
/// syscall number of interest to its action through a balanced jump tree; everything else gets the default.
/// </summary>
/// <remarks>
/// Layout: <c>ld arch; jeq AUDIT_ARCH, +1; ret KILL_PROCESS; ld nr; [x86_64: jge 0x40000000 → ret x32Action];
/// tree</c>. Numbers with the same action that are contiguous become one range. The tree splits on
/// <c>jge</c>; when a left subtree is longer than a conditional jump can skip (255), a <c>ja</c> (32-bit
/// offset) is inserted. Leaves hold at most a few ranges and end in <c>ret default</c>.
/// </remarks>
public sealed class SeccompProgramBuilder
{
    private const int LeafRanges = 3;
    private readonly Arch _arch;
    private readonly SortedDictionary<uint, SeccompAction> _actions = new();
    private (ulong Start, ulong End, int[] Trapped, SeccompAction Action, SeccompAction Otherwise)? _exemption;

    /// <summary>Starts a program for <paramref name="arch"/>.</summary>
    public SeccompProgramBuilder(Arch arch) => _arch = arch;

    /// <summary>What calls not listed get (default <see cref="SeccompAction.Allow"/>).</summary>
    public SeccompAction DefaultAction { get; set; } = SeccompAction.Allow;

    /// <summary>What an x32-ABI call (x86_64 only) gets (default ERRNO(ENOSYS): x32 is not supported).</summary>
    public SeccompAction X32Action { get; set; } = SeccompAction.Errno(Errno.ENOSYS);

    /// <summary>Gives <paramref name="action"/> to every number in <paramref name="numbers"/> (later calls win).</summary>
    public SeccompProgramBuilder Add(IEnumerable<int> numbers, SeccompAction action)
    {
        foreach (int nr in numbers)
        {
            if (nr < 0)
                throw new ArgumentOutOfRangeException(nameof(numbers), nr, "Syscall numbers are non-negative.");
            if (_arch == Arch.X86_64 && (uint)nr >= AuditArch.X32SyscallBit)
                throw new ArgumentOutOfRangeException(nameof(numbers), nr, "x32 numbers are refused by the program's x32 check, not listed.");
            _actions[(uint)nr] = action;
        }
        return this;
    }

    /// <summary>
    /// Calls made from code in [<paramref name="start"/>, <paramref name="end"/>) get <paramref name="otherwise"/>
    /// (default ALLOW), except <paramref name="trapped"/> numbers, which get <paramref name="trappedAction"/>.
    /// Checked right after the arch check, before every other rule.
    /// </summary>
    /// <remarks>The ptrace backend sends every call made from its own libc code to a listener: the spawn
    /// thread and posix_spawn's child before execve run there and must not hit RET_TRACE before the tracer has
    /// seized the child (with no tracer, RET_TRACE fails the call with ENOSYS). The listener seizes the child at
    /// its execve and refuses such calls from tracees afterwards (code mapped at those addresses later).</remarks>
    public SeccompProgramBuilder ExemptCodeRange(ulong start, ulong end, IEnumerable<int> trapped, SeccompAction trappedAction,
        SeccompAction? otherwise = null)
    {
        if (end <= start || (start >> 32) != ((end - 1) >> 32))
            throw new ArgumentOutOfRangeException(nameof(end), $"Code range 0x{start:x}-0x{end:x} must be non-empty and within one 4 GiB window.");
        _exemption = (start, end, trapped.ToArray(), trappedAction, otherwise ?? SeccompAction.Allow);
        return this;
    }

    /// <summary>Gives <paramref name="action"/> to one number.</summary>
    public SeccompProgramBuilder Add(int number, SeccompAction action) => Add([number], action);

    /// <summary>Generates the program (throws if it would exceed the kernel's 4096 instructions).</summary>
    public SockFilter[] Build()
    {
        var code = new List<SockFilter>
        {
            Load(SeccompData.OffsetArch),
            Jump(BpfOp.JEQ, AuditArch.Of(_arch), 1, 0),
            Return(SeccompAction.KillProcess),
        };
        if (_exemption is { } ex)
            code.AddRange(Exemption(ex.Start, ex.End, ex.Trapped, ex.Action, ex.Otherwise));
        code.Add(Load(SeccompData.OffsetNr));
        if (_arch == Arch.X86_64)
        {
            code.Add(Jump(BpfOp.JGE, AuditArch.X32SyscallBit, 0, 1));
            code.Add(Return(X32Action));
        }
        var ranges = Ranges();
        if (ranges.Count == 0)
            code.Add(Return(DefaultAction));
        else
            code.AddRange(Tree(ranges, 0, ranges.Count));
        if (code.Count > BpfOp.MaxInstructions)
            throw new InvalidOperationException(
                $"The seccomp program needs {code.Count} instructions, more than the kernel's {BpfOp.MaxInstructions}; trap fewer distinct calls.");
        return code.ToArray();
    }

    private readonly record struct Range(uint Lo, uint Hi, SeccompAction Action);

    private List<Range> Ranges()
    {
        var ranges = new List<Range>();
        foreach (var (nr, action) in _actions)
        {
            if (action == DefaultAction)
                continue; // same as falling through; keeps the tree small
            if (ranges.Count > 0 && ranges[^1].Hi + 1 == nr && ranges[^1].Action == action)
                ranges[^1] = ranges[^1] with { Hi = nr };
            else
                ranges.Add(new Range(nr, nr, action));
        }
        return ranges;
    }

    // Code for ranges[from..to) given A = nr; every path ends in a ret.
    private List<SockFilter> Tree(List<Range> ranges, int from, int to)
    {
        if (to - from <= LeafRanges)
            return Leaf(ranges, from, to);
        int mid = (from + to) / 2;
        var left = Tree(ranges, from, mid);
        var right = Tree(ranges, mid, to);
        var code = new List<SockFilter>(left.Count + right.Count + 2);
        if (left.Count <= byte.MaxValue)
        {
            code.Add(Jump(BpfOp.JGE, ranges[mid].Lo, (byte)left.Count, 0));
        }
        else
        {
            code.Add(Jump(BpfOp.JGE, ranges[mid].Lo, 0, 1));
            code.Add(new SockFilter(BpfOp.JMP | BpfOp.JA, 0, 0, (uint)left.Count));
        }
        code.AddRange(left);
        code.AddRange(right);
        return code;
    }

    private List<SockFilter> Leaf(List<Range> ranges, int from, int to)
    {
        var code = new List<SockFilter>();
        for (int i = from; i < to; i++)
        {
            var r = ranges[i];
            if (r.Lo == r.Hi)
            {
                code.Add(Jump(BpfOp.JEQ, r.Lo, 0, 1));
            }
            else
            {
                code.Add(Jump(BpfOp.JGT, r.Hi, 2, 0));
                code.Add(Jump(BpfOp.JGE, r.Lo, 0, 1));
            }
            code.Add(Return(r.Action));
        }
        code.Add(Return(DefaultAction));
        return code;
    }

    // ip in [start, end) ? (nr in trapped ? trappedAction : otherwise) : fall through to the code after it.
    private static List<SockFilter> Exemption(ulong start, ulong end, int[] trapped, SeccompAction trappedAction, SeccompAction otherwise)
    {
        int k = trapped.Length;
        if (k > 200)
            throw new ArgumentOutOfRangeException(nameof(trapped), "Too many trapped numbers in a code-range exemption.");
        var code = new List<SockFilter>
        {
            Load(SeccompData.OffsetInstructionPointer + 4),             // high word (little-endian)
            Jump(BpfOp.JEQ, (uint)(start >> 32), 0, (byte)(6 + k)),
            Load(SeccompData.OffsetInstructionPointer),
            Jump(BpfOp.JGE, (uint)start, 0, (byte)(4 + k)),
            Jump(BpfOp.JGT, (uint)(end - 1), (byte)(3 + k), 0),
            Load(SeccompData.OffsetNr),
        };
        for (int j = 0; j < k; j++)
            code.Add(Jump(BpfOp.JEQ, (uint)trapped[j], (byte)(k - j), 0));
        code.Add(Return(otherwise));
        code.Add(Return(trappedAction));
        return code;
    }

    private static SockFilter Load(int offset) => new(BpfOp.LD | BpfOp.W | BpfOp.ABS, 0, 0, (uint)offset);
    private static SockFilter Jump(ushort op, uint k, byte jt, byte jf) => new((ushort)(BpfOp.JMP | op | BpfOp.K), jt, jf, k);
    private static SockFilter Return(SeccompAction action) => new(BpfOp.RET | BpfOp.K, 0, 0, action.Value);
}
