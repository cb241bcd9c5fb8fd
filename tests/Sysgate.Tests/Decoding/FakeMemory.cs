using System.Runtime.InteropServices;
using System.Text;
using Sysgate.Decoding;

namespace Sysgate.Tests.Decoding;

/// <summary>Tracee memory over byte arrays at chosen addresses; anything else is unreadable, like a fault.</summary>
internal sealed class FakeMemory : ITraceeMemory
{
    private readonly List<(ulong Address, byte[] Data)> _regions = [];
    private ulong _next = 0x7ffd_0000_1000;

    public int Read(ulong address, Span<byte> destination)
    {
        foreach (var (start, data) in _regions)
        {
            if (address >= start && address < start + (ulong)data.Length)
            {
                int offset = (int)(address - start);
                int n = Math.Min(destination.Length, data.Length - offset);
                data.AsSpan(offset, n).CopyTo(destination);
                return n;
            }
        }
        return -1;
    }

    public ulong Put(byte[] data)
    {
        ulong at = _next;
        _regions.Add((at, data));
        _next += ((ulong)data.Length + 0x100) & ~0xfUL;
        return at;
    }

    public ulong PutAt(ulong address, byte[] data)
    {
        _regions.Add((address, data));
        return address;
    }

    public ulong String(string s) => Put(Encoding.UTF8.GetBytes(s + "\0"));

    public ulong Bytes(string s) => Put(Encoding.Latin1.GetBytes(s));

    public ulong Struct<T>(T value) where T : unmanaged => Put(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(ref value)).ToArray());

    public ulong Pointers(params ulong[] pointers) => Put(MemoryMarshal.AsBytes(pointers.AsSpan()).ToArray());

    public ulong Int(int value) => Struct(value);
}
