using System.Runtime.InteropServices;

namespace Sysgate.Native;

/// <summary>The CPU architectures Sysgate knows syscall numbers for.</summary>
public enum Arch
{
    /// <summary>x86_64 (64-bit ABI; the x32 ABI is refused, not supported).</summary>
    X86_64,
    /// <summary>aarch64 (arm64).</summary>
    Aarch64,
}

/// <summary>Audit architecture values (linux/audit.h) as seen in <c>seccomp_data.arch</c>.</summary>
public static class AuditArch
{
    /// <summary>AUDIT_ARCH_X86_64 = EM_X86_64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE.</summary>
    public const uint X86_64 = 0xC000003E;
    /// <summary>AUDIT_ARCH_I386 (the 32-bit ABI reachable from x86_64 via int 0x80).</summary>
    public const uint I386 = 0x40000003;
    /// <summary>AUDIT_ARCH_AARCH64.</summary>
    public const uint Aarch64 = 0xC00000B7;
    /// <summary>AUDIT_ARCH_ARM (32-bit compat on arm64).</summary>
    public const uint Arm = 0x40000028;
    /// <summary>__X32_SYSCALL_BIT: x32 ABI calls arrive as x86_64 with this bit set in the number.</summary>
    public const uint X32SyscallBit = 0x40000000;

    /// <summary>The audit value of <paramref name="arch"/>.</summary>
    public static uint Of(Arch arch) => arch switch
    {
        Arch.X86_64 => X86_64,
        Arch.Aarch64 => Aarch64,
        _ => throw new ArgumentOutOfRangeException(nameof(arch)),
    };
}

/// <summary>The architecture this process runs on.</summary>
public static class HostArch
{
    /// <summary>The host architecture; throws on an architecture Sysgate has no syscall numbers for.</summary>
    public static Arch Current { get; } = RuntimeInformation.ProcessArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => Arch.X86_64,
        System.Runtime.InteropServices.Architecture.Arm64 => Arch.Aarch64,
        var other => throw new PlatformNotSupportedException($"Sysgate supports x86_64 and aarch64, not {other}."),
    };
}
