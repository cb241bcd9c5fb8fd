using Sysgate.Decoding;
using Sysgate.Native;
using Sysgate.Native.Interop;

namespace Sysgate.Tracing;

/// <summary>
/// <see cref="ITraceeMemory"/> over process_vm_readv for one stopped tracee at a time: the tracer sets
/// <see cref="Pid"/> before each decode, so one instance serves every tracee without allocating.
/// </summary>
public sealed unsafe class TraceeMemoryReader : ITraceeMemory
{
    /// <summary>The process (or thread) whose memory is read.</summary>
    public int Pid { get; set; }

    /// <inheritdoc/>
    public int Read(ulong address, Span<byte> destination)
    {
        if (destination.IsEmpty) return 0;
        fixed (byte* p = destination)
        {
            var local = new IoVec { Base = p, Length = (nuint)destination.Length };
            var remote = new IoVec { Base = (void*)address, Length = (nuint)destination.Length };
            nint n = Libc.ProcessVmReadv(Pid, &local, 1, &remote, 1, 0);
            return n <= 0 ? -1 : (int)n;
        }
    }
}
