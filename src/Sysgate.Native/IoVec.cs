using System.Runtime.InteropServices;

namespace Sysgate.Native;

/// <summary>struct iovec (readv/writev/process_vm_*).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct IoVec
{
    /// <summary>Start of the buffer.</summary>
    public void* Base;
    /// <summary>Length in bytes.</summary>
    public nuint Length;
}
