using System.Runtime.InteropServices;

namespace Sysgate.Decoding;

/// <summary>
/// Walks a tracee's array of 64-bit pointers (argv, envp) a block at a time: one read per
/// <c>buffer.Length</c> elements instead of one per element (execve's environment is dozens of them, each read
/// a process_vm_readv).
/// </summary>
internal ref struct PointerArrayReader
{
    private const int PageSize = 4096;
    private readonly ITraceeMemory _mem;
    private readonly Span<ulong> _buffer;
    private ulong _next; // tracee address of the element after the buffered ones
    private int _count, _index;

    /// <summary>Reads from <paramref name="address"/> on, buffering in <paramref name="buffer"/>.</summary>
    public PointerArrayReader(ITraceeMemory mem, ulong address, Span<ulong> buffer)
    {
        _mem = mem;
        _buffer = buffer;
        _next = address;
    }

    /// <summary>The next element; false when its memory cannot be read.</summary>
    public bool TryNext(out ulong pointer)
    {
        if (_index == _count && !Fill())
        {
            pointer = 0;
            return false;
        }
        pointer = _buffer[_index++];
        return true;
    }

    // Reads up to a whole buffer, but not past the page holding the next element: the array may end just
    // before an unmapped page, and a read that spans it would fail as a whole.
    private bool Fill()
    {
        if (_next == 0 || _next % 8 != 0) return false;
        int fit = (int)((PageSize - _next % PageSize) / 8);
        var bytes = MemoryMarshal.AsBytes(_buffer[..Math.Min(_buffer.Length, fit)]);
        int n = _mem.Read(_next, bytes);
        if (n < 8) return false;
        _count = n / 8;
        _index = 0;
        _next += (ulong)(_count * 8);
        return true;
    }
}
