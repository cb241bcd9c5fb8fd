namespace Sysgate.Decoding;

/// <summary>Memory calls: table-driven except the arguments strace hides when unused.</summary>
internal static class MemoryDecoders
{
    private const ulong MremapFixed = 2, MremapDontunmap = 4;

    /// <summary>mremap shows new_address only with MREMAP_FIXED or MREMAP_DONTUNMAP.</summary>
    public static int MremapArgCount(ulong flags) => (flags & (MremapFixed | MremapDontunmap)) != 0 ? 5 : 4;
}
