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

    [Fact]
    public void Hex_styles_like_strace_x_and_xx()
    {
        var sb = new StringBuilder();
        StringQuoter.Append(sb, new byte[] { (byte)'h', (byte)'i', 9, 1, 0xff, 10 }, false, StringStyle.HexIfNonPrintable);
        Assert.Equal("\"\\x68\\x69\\x09\\x01\\xff\\x0a\"", sb.ToString());
        sb.Clear();
        StringQuoter.Append(sb, "plain"u8, false, StringStyle.HexIfNonPrintable);
        Assert.Equal("\"plain\"", sb.ToString());
        sb.Clear();
        StringQuoter.Append(sb, "hi\n"u8, true, StringStyle.HexAll);
        Assert.Equal("\"\\x68\\x69\\x0a\"...", sb.ToString());
    }

    [Fact]
    public void Unknown_syscall_like_strace()
    {
        var sb = new StringBuilder();
        SyscallFormatter.FormatUnknownCall(sb, 999, [1, 2, 3, 0, 0x7fdb11fc46d0, 1]);
        SyscallFormatter.FormatPlainResult(sb, -38);
        Assert.Equal("syscall_0x3e7(0x1, 0x2, 0x3, 0, 0x7fdb11fc46d0, 0x1) = -1 ENOSYS (Function not implemented)", sb.ToString());
    }
}
