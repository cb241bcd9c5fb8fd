using System.Globalization;
using System.Runtime.InteropServices;
using Sysgate.Native.Interop;

namespace Sysgate.Interception.Ptrace;

/// <summary>
/// The address range of this process's libc code. Calls whose instruction pointer lies inside it, in
/// a process that has not exec'd yet, are Sysgate's own (the spawn thread, and posix_spawn's child
/// before its execve): the ptrace filter lets them through and only traps the child's execve, the
/// moment the tracer seizes it. After exec the target maps its own libc elsewhere.
/// </summary>
public readonly record struct LibcTextRange(ulong Start, ulong End)
{
    private const ulong PageSize = 4096; // mappings are at least page-aligned on both architectures

    /// <summary>
    /// Asks the dynamic loader (dl_iterate_phdr: no system call, no text to parse) for libc.so.6's
    /// executable segment, widened to whole pages as the kernel maps it; falls back to /proc/self/maps.
    /// </summary>
    public static unsafe LibcTextRange Find()
    {
        LibcTextRange found = default;
        Libc.DlIteratePhdr(&Visit, &found);
        return found.End != 0 ? found : FromProcMaps();
    }

    /// <summary>Reads /proc/self/maps for the executable mapping of libc.so.6.</summary>
    public static LibcTextRange FromProcMaps()
    {
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            // "7f..-7f.. r-xp 00028000 08:01 1234   /usr/lib/x86_64-linux-gnu/libc.so.6"
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 6 || parts[1] != "r-xp" || !parts[5].EndsWith("/libc.so.6", StringComparison.Ordinal))
                continue;
            var dash = parts[0].IndexOf('-');
            return new LibcTextRange(
                ulong.Parse(parts[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(parts[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
        throw new InvalidOperationException("libc.so.6 has no executable mapping in /proc/self/maps; is this a glibc system?");
    }

    /// <summary>True if <paramref name="ip"/> lies in the range.</summary>
    public bool Contains(ulong ip) => ip >= Start && ip < End;

    // Stops at libc.so.6 with its single executable PT_LOAD segment; a libc with several (none known) is left
    // to FromProcMaps, whose answer the tests compare with this one.
    [UnmanagedCallersOnly]
    private static unsafe int Visit(DlPhdrInfo* info, nuint size, void* data)
    {
        if (info->Name == null || !MemoryMarshal.CreateReadOnlySpanFromNullTerminated(info->Name).EndsWith("/libc.so.6"u8))
            return 0;
        ulong start = 0, end = 0;
        int executable = 0;
        for (int i = 0; i < info->PhNum; i++)
        {
            ref ElfPhdr ph = ref info->Phdr[i];
            if (ph.Type != ElfPhdr.Load || (ph.Flags & ElfPhdr.Executable) == 0)
                continue;
            executable++;
            start = (info->Addr + ph.VAddr) & ~(PageSize - 1);
            end = (info->Addr + ph.VAddr + ph.MemSize + PageSize - 1) & ~(PageSize - 1);
        }
        if (executable == 1)
            *(LibcTextRange*)data = new LibcTextRange(start, end);
        return 1;
    }
}
