using System.Globalization;

namespace Sysgate.Interception.Ptrace;

/// <summary>
/// The address range of this process's libc code. Calls whose instruction pointer lies inside it, in
/// a process that has not exec'd yet, are Sysgate's own (the spawn thread, and posix_spawn's child
/// before its execve): the ptrace filter lets them through and only traps the child's execve, the
/// moment the tracer seizes it. After exec the target maps its own libc elsewhere.
/// </summary>
public readonly record struct LibcTextRange(ulong Start, ulong End)
{
    /// <summary>Reads /proc/self/maps for the executable mapping of libc.so.6.</summary>
    public static LibcTextRange Find()
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
}
