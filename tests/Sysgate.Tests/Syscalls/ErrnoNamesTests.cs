using Sysgate.Syscalls;

namespace Sysgate.Tests.Syscalls;

public class ErrnoNamesTests
{
    [Theory]
    [InlineData(1, "EPERM", "Operation not permitted")]
    [InlineData(2, "ENOENT", "No such file or directory")]
    [InlineData(5, "EIO", "Input/output error")]
    [InlineData(11, "EAGAIN", "Resource temporarily unavailable")]
    [InlineData(13, "EACCES", "Permission denied")]
    [InlineData(38, "ENOSYS", "Function not implemented")]
    [InlineData(95, "EOPNOTSUPP", "Operation not supported")]
    [InlineData(111, "ECONNREFUSED", "Connection refused")]
    [InlineData(133, "EHWPOISON", "Memory page has hardware error")]
    [InlineData(512, "ERESTARTSYS", "To be restarted if SA_RESTART is set")]
    public void Name_and_message(int errno, string name, string message)
    {
        Assert.Equal(name, ErrnoNames.Name(errno));
        Assert.Equal(message, ErrnoNames.Message(errno));
        Assert.True(ErrnoNames.TryParse(name, out int parsed));
        Assert.Equal(errno, parsed);
    }

    [Fact]
    public void Aliases_parse_but_do_not_print()
    {
        Assert.True(ErrnoNames.TryParse("EWOULDBLOCK", out int e));
        Assert.Equal(11, e);
        Assert.True(ErrnoNames.TryParse("ENOTSUP", out e));
        Assert.Equal(95, e);
        Assert.True(ErrnoNames.TryParse("5", out e));
        Assert.Equal(5, e);
        Assert.False(ErrnoNames.TryParse("ENOPE", out _));
        Assert.False(ErrnoNames.TryParse("-3", out _));
        Assert.Null(ErrnoNames.Name(0));
        Assert.Null(ErrnoNames.Name(100000));
    }

    [Fact]
    public void Native_errno_constants_agree()
    {
        Assert.Equal("ENOENT", ErrnoNames.Name(Sysgate.Native.Errno.ENOENT));
        Assert.Equal("EINPROGRESS", ErrnoNames.Name(Sysgate.Native.Errno.EINPROGRESS));
    }
}
