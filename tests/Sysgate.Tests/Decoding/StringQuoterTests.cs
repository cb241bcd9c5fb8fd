using System.Text;
using Sysgate.Decoding;

namespace Sysgate.Tests.Decoding;

public class StringQuoterTests
{
    private static string Q(byte[] bytes, bool cut = false)
    {
        var sb = new StringBuilder();
        StringQuoter.Append(sb, bytes, cut);
        return sb.ToString();
    }

    [Fact]
    public void Escapes_like_strace()
    {
        Assert.Equal("\"a\\tb\\nc\\rd\\ve\\ff\\\"g\\\\\"", Q("a\tb\nc\rd\ve\ff\"g\\"u8.ToArray()));
        Assert.Equal("\"\\0\\1\\33\\177\\377\"", Q([0, 1, 27, 127, 255]));
    }

    [Fact]
    public void Octal_escape_before_a_digit_uses_three_digits()
    {
        // strace's ELF header: "\177ELF\2\1\1\3\0\0..." and "\0011" for byte 1 then '1'.
        Assert.Equal("\"\\0011\"", Q([1, (byte)'1']));
        Assert.Equal("\"\\0a\"", Q([0, (byte)'a']));
        Assert.Equal("\"\\08\"", Q([0, (byte)'8'])); // 8 is not an octal digit
        Assert.Equal("\"\\177ELF\\2\\1\"...", Q([127, (byte)'E', (byte)'L', (byte)'F', 2, 1], cut: true));
    }
}
