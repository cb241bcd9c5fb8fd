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
    private readonly Dictionary<uint, SeccompAction> _actions = new(); // sorted once, in Ranges (cheaper than a tree per insert)
    private (ulong Start, ulong End, HashSet<uint> AlsoChecked, SeccompAction InRange)? _exemption;
    private readonly Dictionary<uint, SeccompAction> _inRangeOverrides = new();
    private const uint BlockTag = 0xFFFF0000; // a JA placeholder to the address-check block of an action

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
    /// Calls made from code in [<paramref name="start"/>, <paramref name="end"/>) that would get an action other
    /// than the default, and calls to the <paramref name="alsoChecked"/> numbers, get <paramref name="inRange"/>
    /// instead. Calls that get the default action anyway never pay for the address check.
    /// </summary>
    /// <remarks>The ptrace backend sends calls of interest made from its own libc code to a listener: the spawn
    /// thread and posix_spawn's child before execve run there and must not hit RET_TRACE before the tracer has
    /// seized the child (with no tracer, RET_TRACE fails the call with ENOSYS). The listener seizes the child at
    /// its execve (an <paramref name="alsoChecked"/> number) and refuses such calls from tracees afterwards (code
    /// mapped at those addresses later).</remarks>
    public SeccompProgramBuilder ExemptCodeRange(ulong start, ulong end, IEnumerable<int> alsoChecked, SeccompAction inRange)
    {
        // BPF compares 32-bit words: the blocks handle a range within one 4 GiB window or across the boundary of
        // two adjacent ones (libc's text lands on such a boundary in a few runs in ten thousand).
        if (end <= start || ((end - 1) >> 32) - (start >> 32) > 1)
            throw new ArgumentOutOfRangeException(nameof(end), $"Code range 0x{start:x}-0x{end:x} must be non-empty and span at most two adjacent 4 GiB windows.");
        _exemption = (start, end, alsoChecked.Select(n => (uint)n).ToHashSet(), inRange);
        return this;
    }

    /// <summary>
    /// Within the <see cref="ExemptCodeRange"/>, calls to <paramref name="numbers"/> get <paramref name="action"/>
    /// instead of the range's own in-range action (outside the range nothing changes).
    /// </summary>
    /// <remarks>The ptrace backend lets posix_spawn's child reset its ~64 signal dispositions and set up its fds
    /// without a listener round trip each (half a millisecond per start): such calls only touch the caller's own
    /// signal state or fd table, so letting a tracee that maps code at our libc addresses make them untraced
    /// hides nothing that reaches files, sockets or other processes (see PtraceSession for the list).</remarks>
    public SeccompProgramBuilder ExemptCodeRangeOverride(IEnumerable<int> numbers, SeccompAction action)
    {
        if (_exemption is null)
            throw new InvalidOperationException("Call ExemptCodeRange first.");
        foreach (int nr in numbers) _inRangeOverrides[(uint)nr] = action;
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
        code.Add(Load(SeccompData.OffsetNr));
        if (_arch == Arch.X86_64)
        {
            code.Add(Jump(BpfOp.JGE, AuditArch.X32SyscallBit, 0, 1));
            code.Add(Return(X32Action));
        }
        var ranges = Ranges();
        _blocks.Clear();
        if (ranges.Count == 0)
            code.Add(Return(DefaultAction));
        else
            code.AddRange(Tree(ranges, 0, ranges.Count));
        if (_exemption is { } ex)
            AppendAddressBlocks(code, ex.Start, ex.End);
        if (code.Count > BpfOp.MaxInstructions)
            throw new InvalidOperationException(
                $"The seccomp program needs {code.Count} instructions, more than the kernel's {BpfOp.MaxInstructions}; trap fewer distinct calls.");
        return code.ToArray();
    }

    // InRange: null when the range is not address-checked, else what a call from the exempt code range gets.
    private readonly record struct Range(uint Lo, uint Hi, SeccompAction Action, SeccompAction? InRange);

    private List<Range> Ranges()
    {
        var ranges = new List<Range>();
        var keys = new HashSet<uint>(_actions.Keys);
        if (_exemption is { } ex) keys.UnionWith(ex.AlsoChecked);
        var numbers = keys.ToArray();
        Array.Sort(numbers);
        foreach (uint nr in numbers)
        {
            var action = _actions.TryGetValue(nr, out var a) ? a : DefaultAction;
            SeccompAction? inRange = null;
            if (_exemption is { } e && (action != DefaultAction || e.AlsoChecked.Contains(nr)))
                inRange = _inRangeOverrides.TryGetValue(nr, out var o) ? o : e.InRange;
            if (inRange == action)
                inRange = null; // checking the address would not change the answer
            if (action == DefaultAction && inRange is null)
                continue; // same as falling through; keeps the tree small
            if (ranges.Count > 0 && ranges[^1].Hi + 1 == nr && ranges[^1].Action == action && ranges[^1].InRange == inRange)
                ranges[^1] = ranges[^1] with { Hi = nr };
            else
                ranges.Add(new Range(nr, nr, action, inRange));
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
            code.Add(r.InRange is { } inRange ? JumpToBlock(r.Action, inRange) : Return(r.Action));
        }
        code.Add(Return(DefaultAction));
        return code;
    }

    private readonly List<(SeccompAction Outside, SeccompAction Inside)> _blocks = new();

    // A leaf's "ret action" for a range that is address-checked: a placeholder JA, patched once the blocks exist.
    private SockFilter JumpToBlock(SeccompAction action, SeccompAction inRange)
    {
        int index = _blocks.IndexOf((action, inRange));
        if (index < 0)
        {
            index = _blocks.Count;
            _blocks.Add((action, inRange));
        }
        return new SockFilter(BpfOp.JMP | BpfOp.JA, 0, 0, BlockTag | (uint)index);
    }

    // One block per (action, in-range action): ip in [start, end) ? inside : outside. Then point every placeholder
    // at its block.
    private void AppendAddressBlocks(List<SockFilter> code, ulong start, ulong end)
    {
        var blockStart = new int[_blocks.Count];
        for (int b = 0; b < _blocks.Count; b++)
        {
            blockStart[b] = code.Count;
            code.Add(Load(SeccompData.OffsetInstructionPointer + 4));   // high word (little-endian)
            if ((start >> 32) == ((end - 1) >> 32))
            {
                code.Add(Jump(BpfOp.JEQ, (uint)(start >> 32), 0, 4));
                code.Add(Load(SeccompData.OffsetInstructionPointer));
                code.Add(Jump(BpfOp.JGE, (uint)start, 0, 2));
                code.Add(Jump(BpfOp.JGT, (uint)(end - 1), 1, 0));
            }
            else
            {
                // Lower window: low word >= start's; upper window (high word + 1): low word <= (end - 1)'s.
                code.Add(Jump(BpfOp.JEQ, (uint)(start >> 32), 0, 2));
                code.Add(Load(SeccompData.OffsetInstructionPointer));
                code.Add(Jump(BpfOp.JGE, (uint)start, 3, 4));
                code.Add(Jump(BpfOp.JEQ, (uint)((end - 1) >> 32), 0, 3));
                code.Add(Load(SeccompData.OffsetInstructionPointer));
                code.Add(Jump(BpfOp.JGT, (uint)(end - 1), 1, 0));
            }
            code.Add(Return(_blocks[b].Inside));
            code.Add(Return(_blocks[b].Outside));
        }
        for (int i = 0; i < code.Count; i++)
        {
            var insn = code[i];
            if (insn.Code == (BpfOp.JMP | BpfOp.JA) && (insn.K & BlockTag) == BlockTag)
                code[i] = insn with { K = (uint)(blockStart[(int)(insn.K & ~BlockTag)] - (i + 1)) };
        }
    }

    private static SockFilter Load(int offset) => new(BpfOp.LD | BpfOp.W | BpfOp.ABS, 0, 0, (uint)offset);
    private static SockFilter Jump(ushort op, uint k, byte jt, byte jf) => new((ushort)(BpfOp.JMP | op | BpfOp.K), jt, jf, k);
    private static SockFilter Return(SeccompAction action) => new(BpfOp.RET | BpfOp.K, 0, 0, action.Value);
}
