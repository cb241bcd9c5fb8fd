using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sysgate.Decoding;

/// <summary>
/// Read access to the traced process's memory (the interception engine implements it with
/// process_vm_readv; tests over a byte array). Decoders never write.
/// </summary>
public interface ITraceeMemory
{
    /// <summary>
    /// Copies bytes at <paramref name="address"/> into <paramref name="destination"/>. Returns how many
    /// bytes were read (fewer at the end of a mapping), or -1 when nothing at the address is readable.
    /// </summary>
    int Read(ulong address, Span<byte> destination);
}

/// <summary>Helpers over <see cref="ITraceeMemory"/>.</summary>
public static class TraceeMemoryExtensions
{
    private const int PageSize = 4096;

    /// <summary>True when all of <paramref name="destination"/> could be read.</summary>
    public static bool TryReadExact(this ITraceeMemory mem, ulong address, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(mem);
        if (address == 0 && destination.Length > 0) return false;
        int done = 0;
        while (done < destination.Length)
        {
            int n = mem.Read(address + (ulong)done, destination[done..]);
            if (n <= 0) return false;
            done += n;
        }
        return true;
    }

    /// <summary>Reads an unmanaged value (struct, integer) at <paramref name="address"/>.</summary>
    public static bool TryRead<T>(this ITraceeMemory mem, ulong address, out T value) where T : unmanaged
    {
        value = default;
        return mem.TryReadExact(address, MemoryMarshal.AsBytes(new Span<T>(ref value)));
    }

    /// <summary>
    /// Reads a NUL-terminated string into <paramref name="destination"/>, page by page so a string that
    /// ends just before an unmapped page still reads. Returns the length without the NUL (up to the buffer
    /// size when no NUL was found: then <paramref name="terminated"/> is false), or -1 when unreadable.
    /// </summary>
    public static int ReadCString(this ITraceeMemory mem, ulong address, Span<byte> destination, out bool terminated)
    {
        ArgumentNullException.ThrowIfNull(mem);
        terminated = false;
        if (address == 0) return -1;
        int done = 0;
        while (done < destination.Length)
        {
            ulong at = address + (ulong)done;
            int chunk = (int)Math.Min((ulong)(destination.Length - done), PageSize - (at % PageSize));
            int n = mem.Read(at, destination.Slice(done, chunk));
            if (n <= 0) return done == 0 ? -1 : done;
            int nul = destination.Slice(done, n).IndexOf((byte)0);
            if (nul >= 0) { terminated = true; return done + nul; }
            done += n;
        }
        return done;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryReadUInt64(this ITraceeMemory mem, ulong address, out ulong value) => mem.TryRead(address, out value);
}
