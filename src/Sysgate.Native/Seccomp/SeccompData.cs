using System.Runtime.InteropServices;

namespace Sysgate.Native.Seccomp;

/// <summary>struct seccomp_data (linux/seccomp.h): what a filter and a notification see of a call.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct SeccompData
{
    /// <summary>System call number (arch-specific; on x86_64 the x32 bit may be set).</summary>
    public int Nr;
    /// <summary>AUDIT_ARCH_* of the calling convention used.</summary>
    public uint Arch;
    /// <summary>Instruction pointer at the call.</summary>
    public ulong InstructionPointer;
    /// <summary>The six raw argument registers.</summary>
    public fixed ulong Args[6];

    /// <summary>Byte offset of <see cref="Nr"/> (for BPF loads).</summary>
    public const int OffsetNr = 0;
    /// <summary>Byte offset of <see cref="Arch"/>.</summary>
    public const int OffsetArch = 4;
    /// <summary>Byte offset of <see cref="InstructionPointer"/>.</summary>
    public const int OffsetInstructionPointer = 8;
    /// <summary>Byte offset of <c>Args[0]</c>; argument i starts at 16 + 8*i (little-endian low half first).</summary>
    public const int OffsetArgs = 16;
    /// <summary>sizeof(struct seccomp_data).</summary>
    public const int Size = 64;
}
