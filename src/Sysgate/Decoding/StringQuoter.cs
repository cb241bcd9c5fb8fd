using System.Text;

namespace Sysgate.Decoding;

/// <summary>
/// Quotes bytes the way strace does by default: printable ASCII as is, C escapes for
/// <c>\t \n \v \f \r " \\</c>, other bytes in octal with the fewest digits (three when the next byte is an
/// octal digit, so the result stays unambiguous).
/// </summary>
public static class StringQuoter
{
    /// <summary>Appends <paramref name="bytes"/> in double quotes; appends "..." after the quote when <paramref name="truncated"/>.</summary>
    public static void Append(StringBuilder sb, ReadOnlySpan<byte> bytes, bool truncated)
        => Append(sb, bytes, truncated, StringStyle.Default);

    /// <summary>Appends <paramref name="bytes"/> quoted in <paramref name="style"/> (strace -x, -xx).</summary>
    public static void Append(StringBuilder sb, ReadOnlySpan<byte> bytes, bool truncated, StringStyle style)
    {
        ArgumentNullException.ThrowIfNull(sb);
        if (style == StringStyle.HexAll || (style == StringStyle.HexIfNonPrintable && HasNonPrintable(bytes)))
        {
            sb.Append('"');
            foreach (byte b in bytes) sb.Append("\\x").Append(Hex[b >> 4]).Append(Hex[b & 15]);
            sb.Append('"');
            if (truncated) sb.Append("...");
            return;
        }
        sb.Append('"');
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            switch (b)
            {
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case 0x0b: sb.Append("\\v"); break;
                case 0x0c: sb.Append("\\f"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                default:
                    if (b >= 0x20 && b < 0x7f) { sb.Append((char)b); break; }
                    sb.Append('\\');
                    bool nextIsOctalDigit = i + 1 < bytes.Length && bytes[i + 1] >= (byte)'0' && bytes[i + 1] <= (byte)'7';
                    if (nextIsOctalDigit || b >= 64) sb.Append((char)('0' + (b >> 6)));
                    if (nextIsOctalDigit || b >= 8) sb.Append((char)('0' + ((b >> 3) & 7)));
                    sb.Append((char)('0' + (b & 7)));
                    break;
            }
        }
        sb.Append('"');
        if (truncated) sb.Append("...");
    }

    private const string Hex = "0123456789abcdef";

    private static bool HasNonPrintable(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (b < 0x20 || b >= 0x7f) return true;
        }
        return false;
    }
}
