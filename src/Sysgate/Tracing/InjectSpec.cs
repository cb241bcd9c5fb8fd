using System.Globalization;
using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Tracing;

/// <summary>
/// Parses strace's <c>inject=</c> value: <c>SET:error=ERRNO|retval=N[:when=N|N+|N+S]</c>, where SET is a
/// <see cref="SyscallSets"/> list (<c>openat,read</c>, <c>%file</c>) and ERRNO a name (EIO) or number.
/// </summary>
public static class InjectSpec
{
    /// <summary>Parses <paramref name="spec"/>; throws <see cref="FormatException"/> with a message naming the problem.</summary>
    public static InjectRule Parse(string spec, Arch arch)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(':');
        if (parts[0].Length == 0) throw new FormatException($"inject={spec}: no syscall before ':' (e.g. inject=openat:error=EACCES).");
        var numbers = new bool[SyscallTable.MaxNumber(arch) + 1];
        foreach (var info in SyscallSets.Parse(parts[0], arch)) numbers[info.NumberOn(arch)] = true;
        long? result = null;
        int first = 1, step = 1;
        for (int i = 1; i < parts.Length; i++)
        {
            string part = parts[i];
            int eq = part.IndexOf('=');
            string key = eq < 0 ? part : part[..eq], value = eq < 0 ? "" : part[(eq + 1)..];
            switch (key)
            {
                case "error":
                    if (result is not null) throw new FormatException($"inject={spec}: give one of error= and retval=.");
                    result = -ParseErrno(value, spec);
                    break;
                case "retval":
                    if (result is not null) throw new FormatException($"inject={spec}: give one of error= and retval=.");
                    if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long rv) || rv < 0)
                        throw new FormatException($"inject={spec}: retval= needs a non-negative integer, not '{value}'.");
                    result = rv;
                    break;
                case "when":
                    (first, step) = ParseWhen(value, spec);
                    break;
                case "signal" or "delay_enter" or "delay_exit" or "syscall" or "poke_enter" or "poke_exit":
                    throw new FormatException($"inject={spec}: {key}= is not supported by sysgate (supported: error=, retval=, when=).");
                default:
                    throw new FormatException($"inject={spec}: unknown item '{part}' (expected error=ERRNO, retval=N or when=N|N+|N+S).");
            }
        }
        if (result is not long r) throw new FormatException($"inject={spec}: needs error=ERRNO or retval=N.");
        return new InjectRule(numbers, r, first, step);
    }

    private static int ParseErrno(string value, string spec)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is > 0 and < 4096) return n;
        if (ErrnoNames.TryParse(value, out n)) return n;
        throw new FormatException($"inject={spec}: unknown error '{value}' (an errno name like EIO or ENOENT, or a number 1-4095).");
    }

    /// <summary>when=N (only the Nth), N+ (Nth and later), N+S (Nth and every S-th after it).</summary>
    private static (int First, int Step) ParseWhen(string value, string spec)
    {
        int plus = value.IndexOf('+');
        string firstText = plus < 0 ? value : value[..plus];
        if (!int.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out int first) || first < 1 || first > 65535)
            throw new FormatException($"inject={spec}: when= needs N, N+ or N+S with N in 1..65535, not '{value}'.");
        if (plus < 0) return (first, 0);
        string stepText = value[(plus + 1)..];
        if (stepText.Length == 0) return (first, 1);
        if (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out int step) || step < 1 || step > 65535)
            throw new FormatException($"inject={spec}: when=N+S needs a step S in 1..65535, not '{stepText}'.");
        return (first, step);
    }
}
