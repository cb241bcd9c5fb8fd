using System.Text;
using Sysgate.Decoding;
using static Sysgate.Tests.Decoding.DecodeAssert;

namespace Sysgate.Tests.Decoding;

/// <summary>Decoding a trapped call allocates nothing but the text: the tracer's hot path stays GC-free.</summary>
public class AllocationTests
{
    [Fact]
    public void Common_calls_decode_without_allocating()
    {
        var mem = new FakeMemory();
        ulong path = mem.String("/etc/hostname");
        ulong buf = mem.Bytes("vm\n\x01\xff");
        ulong sin = mem.Put([2, 0, 0, 80, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
        var st = new byte[144];
        BitConverter.TryWriteBytes(st.AsSpan(24), 0x81a4);
        ulong stat = mem.Put(st);
        var calls = new (Sysgate.Syscalls.SyscallInfo Info, ulong[] Args, long Ret)[]
        {
            (Call("openat"), [Neg(-100), path, 0x80000, 0], 3),
            (Call("openat"), [Neg(-100), path, 0x241, 0x1a4], -2),
            (Call("read"), [3, buf, 200], 5),
            (Call("connect"), [3, sin, 16], -111),
            (Call("mmap"), [0, 8192, 3, 0x22, Neg(-1), 0], 0x7f0000000000),
            (Call("fstat"), [3, stat], 0),
            (Call("fcntl"), [3, 3, 0], 0x8002),
            (Call("kill"), [1, 15], 0),
        };
        var sb = new StringBuilder(4096);
        void DecodeAll()
        {
            foreach (var (info, args, ret) in calls)
            {
                sb.Clear();
                SyscallFormatter.Format(sb, info, args, ret, mem, X86);
            }
        }
        DecodeAll(); // warm-up: static tables, pools
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) DecodeAll();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
