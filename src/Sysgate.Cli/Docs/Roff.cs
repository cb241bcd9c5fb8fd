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

    /// <summary>
    /// Multi-line help text as roff: blank lines become paragraph breaks, indented lines (examples, tables
    /// aligned with spaces in --help) are kept verbatim in a no-fill block, other lines are filled.
    /// </summary>
    public static string Text(string text)
    {
        var sb = new StringBuilder();
        bool verbatim = false;
        foreach (var raw in text.Replace("\r\n", "\n").Trim('\n').Split('\n'))
        {
            var line = raw.TrimEnd();
            bool indented = line.Length > 0 && char.IsWhiteSpace(line[0]);
            if (indented && !verbatim) { sb.Append(".RS 2\n.nf\n"); verbatim = true; }
            else if (!indented && verbatim) { sb.Append(".fi\n.RE\n"); verbatim = false; }
            if (line.Length == 0) sb.Append(".PP\n");
            else sb.Append(Escape(!indented ? line : line.StartsWith("  ", StringComparison.Ordinal) ? line[2..] : line.TrimStart())).Append('\n');
        }
        if (verbatim) sb.Append(".fi\n.RE\n");
        return sb.ToString();
    }

    /// <summary>The first line of <paramref name="text"/>: what completion menus show.</summary>
    public static string FirstLine(string text)
    {
        var trimmed = text.Trim();
        int nl = trimmed.IndexOf('\n');
        return nl < 0 ? trimmed : trimmed[..nl].TrimEnd();
    }

    /// <summary>All of <paramref name="text"/> on one line (for an option's or argument's tagged paragraph).</summary>
    public static string Flatten(string text) =>
        string.Join(' ', text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Bold text (command and option names).</summary>
    public static string Bold(string text) => $"\\fB{Escape(text)}\\fR";

    /// <summary>Italic text (value placeholders).</summary>
    public static string Italic(string text) => $"\\fI{Escape(text)}\\fR";
}
