using System.Text;
using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Decoding;

/// <summary>Everything a decoder needs for one call; a ref struct so decoding allocates nothing but text.</summary>
internal ref struct CallContext
{
    public StringBuilder Sb;
    public SyscallInfo Info;
    public ReadOnlySpan<ulong> Args;
    public ITraceeMemory Mem;
    public DecodeOptions Opt;
    /// <summary>True when the syscall has returned: output arguments may be decoded.</summary>
    public bool Exiting;
    public long Ret;

    public CallContext(StringBuilder sb, SyscallInfo info, ReadOnlySpan<ulong> args, ITraceeMemory mem, DecodeOptions opt)
    {
        Sb = sb;
        Info = info;
        Args = args;
        Mem = mem;
        Opt = opt;
    }

    public readonly Arch Arch => Opt.Arch;

    public readonly ulong Arg(int i) => (uint)i < (uint)Args.Length ? Args[i] : 0;

    /// <summary>True when the call returned an error (-4095..-1).</summary>
    public readonly bool Failed => Exiting && Ret < 0 && Ret >= -4095;

    /// <summary>True when an output argument can be decoded now.</summary>
    public readonly bool OutputReady => Exiting && !Failed;
}
