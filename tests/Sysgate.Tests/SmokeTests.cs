using Sysgate.Native;

namespace Sysgate.Tests;

public class SmokeTests
{
    [Fact]
    public void ErrnoException_names_the_call_and_the_error()
    {
        var ex = new ErrnoException("open /nope", Errno.ENOENT);
        Assert.Contains("open /nope", ex.Message);
        Assert.Equal(Errno.ENOENT, ex.Errno);
    }
}
