using Sysgate.Decoding;
using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Tests.Decoding;

internal static class DecodeAssert
{
    public static readonly DecodeOptions X86 = new() { Arch = Arch.X86_64 };
    public static readonly DecodeOptions A64 = new() { Arch = Arch.Aarch64 };

    public static SyscallInfo Call(string name)
    {
        Assert.True(SyscallTable.TryGetByName(name, out var info), name);
        return info;
    }

    /// <summary>Asserts the full strace line (entry + exit + result) for the call.</summary>
    public static void Line(string expected, FakeMemory mem, string name, long ret, params ulong[] args)
        => Assert.Equal(expected, SyscallFormatter.Format(Call(name), args, ret, mem, X86));

    public static ulong Neg(long v) => unchecked((ulong)v);
}
