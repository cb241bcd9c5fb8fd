namespace Sysgate.Syscalls;

/// <summary>
/// errno names and messages (strace's wording), generated from <c>data/syscalls/errno.tsv</c>.
/// Also knows the kernel-internal restart codes (ERESTARTSYS...) a tracer can observe.
/// </summary>
public static partial class ErrnoNames
{
    private static readonly (string? Name, string? Message)[] s_byNumber = BuildByNumber();
    private static readonly Dictionary<string, int> s_byName = BuildByName();

    /// <summary>The largest errno value with a name.</summary>
    public static int MaxErrno => s_byNumber.Length - 1;

    /// <summary>"ENOENT" for 2; null when unknown.</summary>
    public static string? Name(int errno) => (uint)errno < (uint)s_byNumber.Length ? s_byNumber[errno].Name : null;

    /// <summary>"No such file or directory" for 2; null when unknown.</summary>
    public static string? Message(int errno) => (uint)errno < (uint)s_byNumber.Length ? s_byNumber[errno].Message : null;

    /// <summary>True for the kernel-internal codes (512..) that strace prints as <c>= ? ERESTARTSYS</c>.</summary>
    public static bool IsKernelInternal(int errno) => errno >= 512;

    /// <summary>Parses "EIO" (aliases like EWOULDBLOCK too) or a decimal number.</summary>
    public static bool TryParse(string text, out int errno)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (s_byName.TryGetValue(text, out errno)) return true;
        return int.TryParse(text, System.Globalization.NumberStyles.None, null, out errno) && errno > 0 && errno < 4096;
    }

    private static (string?, string?)[] BuildByNumber()
    {
        int max = 0;
        foreach (var e in GetEntries()) max = Math.Max(max, e.Number);
        var table = new (string?, string?)[max + 1];
        foreach (var e in GetEntries()) table[e.Number] = (e.Name, e.Message);
        return table;
    }

    private static Dictionary<string, int> BuildByName()
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in GetEntries()) d[e.Name] = e.Number;
        foreach (var (name, number) in GetAliases()) d[name] = number;
        return d;
    }

    private readonly record struct Entry(int Number, string Name, string Message);
}
