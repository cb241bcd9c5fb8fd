using System.Diagnostics;
using System.Text;
using Sysgate.Syscalls;
using Sysgate.Tracing;

namespace Sysgate.Tests.Tracing;

public class SummaryTableTests
{
    private static SyscallInfo Call(string name) => SyscallTable.TryGetByName(name, out var i) ? i : throw new ArgumentException(name);

    [Fact]
    public void Table_has_strace_columns_rows_by_time_and_a_total()
    {
        var table = new SummaryTable();
        long ms = Stopwatch.Frequency / 1000;
        table.Add(Call("openat"), 1 * ms, failed: false);
        table.Add(Call("openat"), 1 * ms, failed: true);
        table.Add(Call("read"), 6 * ms, failed: false);
        table.Add(Call("close"), 0, failed: false);
        var sb = new StringBuilder();
        table.AppendTo(sb);
        var lines = sb.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("% time     seconds  usecs/call     calls    errors syscall", lines[0]);
        Assert.StartsWith("------ -----------", lines[1]);
        Assert.Equal(" 75.00    0.006000        6000         1           read", lines[2]);
        Assert.Equal(" 25.00    0.002000        1000         2         1 openat", lines[3]);
        Assert.Equal("  0.00    0.000000           0         1           close", lines[4]);
        Assert.StartsWith("------ -----------", lines[5]);
        Assert.Equal("100.00    0.008000        2000         4         1 total", lines[6]);
        Assert.Equal(2, table.CallsOf(Call("openat")));
        Assert.Equal(1, table.ErrorsOf(Call("openat")));
    }

    [Fact]
    public void Empty_table_is_header_and_zero_total()
    {
        var sb = new StringBuilder();
        new SummaryTable().AppendTo(sb);
        Assert.EndsWith("100.00    0.000000           0         0           total\n", sb.ToString());
    }
}
