using System.Runtime.CompilerServices;

namespace Sysgate.Interception;

/// <summary>The six raw argument registers of a system call, stored inline (no allocation).</summary>
[InlineArray(Count)]
public struct SyscallArgs
{
    /// <summary>Number of argument registers (6 on every Linux ABI Sysgate supports).</summary>
    public const int Count = 6;

    private ulong _element0;

    /// <summary>Copies up to six values from <paramref name="values"/> (missing ones are 0).</summary>
    public static SyscallArgs From(ReadOnlySpan<ulong> values)
    {
        if (values.Length > Count)
            throw new ArgumentException($"A system call has at most {Count} arguments, got {values.Length}.", nameof(values));
        var args = default(SyscallArgs);
        values.CopyTo(args);
        return args;
    }
}
