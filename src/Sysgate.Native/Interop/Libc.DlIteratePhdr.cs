using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>
    /// dl_iterate_phdr(3): calls <paramref name="callback"/> for each loaded object until it returns non-zero;
    /// returns that value (0 when every object was visited). Walks the loader's own list: no system call.
    /// </summary>
    [LibraryImport(Name, EntryPoint = "dl_iterate_phdr")]
    public static partial int DlIteratePhdr(delegate* unmanaged<DlPhdrInfo*, nuint, void*, int> callback, void* data);
}

/// <summary>The head of <c>struct dl_phdr_info</c> (the fields every glibc has).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct DlPhdrInfo
{
    /// <summary>dlpi_addr: the object's load bias (add it to a segment's p_vaddr).</summary>
    public nuint Addr;
    /// <summary>dlpi_name: the path it was loaded from (NUL-terminated; empty for the main program).</summary>
    public byte* Name;
    /// <summary>dlpi_phdr: its program headers.</summary>
    public ElfPhdr* Phdr;
    /// <summary>dlpi_phnum: how many.</summary>
    public ushort PhNum;
}

/// <summary><c>Elf64_Phdr</c> (both supported architectures are 64-bit).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ElfPhdr
{
    /// <summary>p_type (1 = PT_LOAD).</summary>
    public uint Type;
    /// <summary>p_flags (1 = PF_X).</summary>
    public uint Flags;
    /// <summary>p_offset.</summary>
    public ulong Offset;
    /// <summary>p_vaddr.</summary>
    public ulong VAddr;
    /// <summary>p_paddr.</summary>
    public ulong PAddr;
    /// <summary>p_filesz.</summary>
    public ulong FileSize;
    /// <summary>p_memsz.</summary>
    public ulong MemSize;
    /// <summary>p_align.</summary>
    public ulong Align;

    /// <summary>PT_LOAD.</summary>
    public const uint Load = 1;
    /// <summary>PF_X.</summary>
    public const uint Executable = 1;
}
