namespace Sysgate.Syscalls;

/// <summary>Signal names (same numbers on x86_64 and aarch64): "SIGTERM", "SIGRTMIN", "SIGRT_3".</summary>
public static class SignalNames
{
    /// <summary>SIGRTMIN as the kernel numbers it (glibc reserves the first two for itself).</summary>
    public const int RtMin = 32;

    /// <summary>The highest signal number (_NSIG).</summary>
    public const int Max = 64;

    /// <summary>"SIGTERM" for 15, "SIGRTMIN"/"SIGRT_n" for real-time signals; null outside 1..64.</summary>
    public static string? Name(int signal)
    {
        if (signal > 0 && signal < RtMin) return FlagSets.Signal.NameOf(signal, Sysgate.Native.Arch.X86_64);
        if (signal == RtMin) return "SIGRTMIN";
        if (signal > RtMin && signal <= Max) return "SIGRT_" + (signal - RtMin);
        return null;
    }

    /// <summary>Parses "SIGTERM", "TERM", "SIGRTMIN+2", "SIGRT_2" or a number (1..64).</summary>
    public static bool TryParse(string text, out int signal)
    {
        ArgumentNullException.ThrowIfNull(text);
        signal = 0;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, null, out int n))
        {
            signal = n;
            return n is > 0 and <= Max;
        }
        string name = text.StartsWith("SIG", StringComparison.Ordinal) ? text : "SIG" + text;
        if (FlagSets.Signal.TryGetValue(name, Sysgate.Native.Arch.X86_64, out ulong v)) { signal = (int)v; return true; }
        if (name == "SIGRTMIN") { signal = RtMin; return true; }
        string? offset = name.StartsWith("SIGRTMIN+", StringComparison.Ordinal) ? name[9..]
            : name.StartsWith("SIGRT_", StringComparison.Ordinal) ? name[6..] : null;
        if (offset is not null && int.TryParse(offset, System.Globalization.NumberStyles.None, null, out int k) && RtMin + k <= Max)
        {
            signal = RtMin + k;
            return true;
        }
        return false;
    }
}
