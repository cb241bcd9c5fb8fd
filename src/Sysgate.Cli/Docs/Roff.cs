using System.Text;

namespace Sysgate.Cli.Docs;

/// <summary>Escaping for roff text (man(7)).</summary>
internal static class Roff
{
    /// <summary>Escapes backslashes and hyphens, and guards a leading control character.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (c == '\\') sb.Append("\\e");
            else if (c == '-') sb.Append("\\-");
            else sb.Append(c);
        }
        // A line starting with '.' or '\'' would be read as a request.
        if (sb.Length > 0 && (sb[0] == '.' || sb[0] == '\'')) sb.Insert(0, "\\&");
        return sb.ToString();
    }

    /// <summary>Bold text (command and option names).</summary>
    public static string Bold(string text) => $"\\fB{Escape(text)}\\fR";

    /// <summary>Italic text (value placeholders).</summary>
    public static string Italic(string text) => $"\\fI{Escape(text)}\\fR";
}
