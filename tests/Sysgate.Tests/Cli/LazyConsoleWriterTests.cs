using Sysgate.Cli;

namespace Sysgate.Tests.Cli;

public class LazyConsoleWriterTests
{
    [Fact]
    public void Creates_the_writer_only_when_something_is_written()
    {
        int opened = 0;
        var inner = new StringWriter();
        var writer = new LazyConsoleWriter(() => { opened++; return inner; });
        writer.Flush();
        Assert.Equal(0, opened); // System.CommandLine flushes at the end of every invocation
        writer.Write("sysgate ");
        writer.Write('0');
        writer.Write(".1".AsSpan());
        writer.WriteLine();
        writer.WriteLine("two");
        writer.Write(['x', 'y', 'z'], 1, 2);
        writer.Flush();
        Assert.Equal(1, opened);
        Assert.Equal($"sysgate 0.1{Environment.NewLine}two{Environment.NewLine}yz", inner.ToString());
    }
}
