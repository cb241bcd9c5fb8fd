using Sysgate.Tracing;
using Xunit.Abstractions;

namespace Sysgate.Tests.Tracing;

/// <summary>
/// The oracle: for real programs, the (syscall, result) sequence of every process printed by
/// <c>sysgate trace -f</c> equals the one <c>strace -f</c> prints for the same command.
/// </summary>
public class StraceOracleTests(ITestOutputHelper output)
{
    public static TheoryData<string[]> Programs => new()
    {
        new[] { "/bin/ls", "-la", "/etc" },
        new[] { "/bin/sh", "-c", "cat /etc/hostname | wc -c" },
        new[] { "/usr/bin/python3", "-c", "import json" },
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public void Per_process_call_sequences_match_strace(string[] argv)
    {
        if (!TraceHarness.HaveStrace) return; // scripts/test-all installs strace
        var expected = StraceTranscript.Parse(TraceHarness.StraceOf(argv, "-f"));
        var (_, trace) = TraceHarness.Sysgate(new TraceOptions { FollowForks = true }, argv);
        var actual = StraceTranscript.Parse(trace);
        // Meaningful: strace saw a real program (the pipeline is three processes).
        Assert.True(expected.Sum(p => p.Calls.Count) > 50, $"strace printed only {expected.Sum(p => p.Calls.Count)} calls");
        if (argv[0] == "/bin/sh") Assert.Equal(3, expected.Count);
        OracleComparison.AssertSameProcesses(expected, actual, output);
    }
}
