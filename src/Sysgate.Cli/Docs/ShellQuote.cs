namespace Sysgate.Cli.Docs;

/// <summary>Quoting for POSIX-like shells (bash, zsh, fish all accept single quotes this way).</summary>
internal static class ShellQuote
{
    /// <summary>Single-quotes <paramref name="s"/> for bash/zsh: <c>'</c> becomes <c>'\''</c>.</summary>
    public static string Posix(string s) => "'" + s.Replace("'", "'\\''") + "'";

    /// <summary>Single-quotes <paramref name="s"/> for fish, where backslash and quote are escaped inside quotes.</summary>
    public static string Fish(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
