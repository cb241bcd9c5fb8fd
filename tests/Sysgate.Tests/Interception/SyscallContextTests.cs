using System.Runtime.InteropServices;
using Sysgate.Interception;
using Sysgate.Native;

namespace Sysgate.Tests.Interception;

public class SyscallContextTests
{
    /// <summary>A context reading our own memory through process_vm_readv.</summary>
    private sealed class SelfContext : SyscallContext
    {
        public SelfContext() => Tid = Environment.ProcessId;
        public override InterceptionBackend Backend => InterceptionBackend.None;
        public override bool IsStillValid() => true;
        public override bool Supports(SyscallDecisionKind kind) => true;
    }

    [Fact]
    public unsafe void ReadCString_reads_up_to_the_nul_across_pages()
    {
        // 6000 bytes so the string crosses a page boundary whatever the alignment.
        byte* text = (byte*)NativeMemory.Alloc(6001);
        try
        {
            new Span<byte>(text, 6000).Fill((byte)'a');
            text[6000] = 0;
            var ctx = new SelfContext();
            var buf = new byte[8192];
            Assert.Equal(6000, ctx.ReadCString((ulong)text, buf));
            Assert.True(buf.AsSpan(0, 6000).IndexOfAnyExcept((byte)'a') < 0);
            Assert.Equal(-Errno.ENAMETOOLONG, ctx.ReadCString((ulong)text, new byte[100]));
            Assert.Equal(100, ctx.ReadMemory((ulong)text, new byte[100]));
        }
        finally
        {
            NativeMemory.Free(text);
        }
    }

    [Fact]
    public void Unmapped_address_is_EFAULT_and_a_gone_thread_ESRCH()
    {
        Assert.Equal(-Errno.EFAULT, new SelfContext().ReadCString(8, new byte[16]));
        Assert.Equal(-Errno.EFAULT, new SelfContext().ReadMemory(8, new byte[16]));
    }
}
