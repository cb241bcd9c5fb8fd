using System.Globalization;
using Sysgate.Native.Interop;
using Xunit.Abstractions;

namespace Sysgate.Tests.Interception.Coverage;

/// <summary>A signal arriving while the supervisor is deciding a trapped call.</summary>
public class SignalCoverageTests(ITestOutputHelper output)
{
    private const int SIGALRM = 14;

    // SIGALRM has a handler installed WITHOUT SA_RESTART: an interrupted call would return -EINTR.
    private const string SignalDuringDecision = """
        static volatile sig_atomic_t got;
        static void on_alarm(int s) { (void)s; got = 1; }
        int main(void) {
            wait_started();
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_alarm;
            if (sigaction(SIGALRM, &sa, NULL)) die("sigaction");
            long r = marker(50);
            say("r50", r);
            say("got", got);
            return r == 4242 && got ? 0 : 1;
        }
        """;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void Signal_during_the_decision_neither_interrupts_nor_restarts_the_call(Backend backend)
    {
        if (backend == Backend.Notify && Environment.OSVersion.Version < new Version(5, 19))
        {
            // SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV is 5.19+; without it the call is interrupted (EINTR/restart).
            output.WriteLine($"SKIPPED: kernel {Environment.OSVersion.Version} lacks SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (5.19+)");
            return;
        }
        var exe = CPrelude.Build("sigdecide", SignalDuringDecision);
        int decisions = 0;
        var run = CoverageRun.Run(backend, CoverageRun.MarkerOnly, c =>
        {
            if (!c.IsMarker || c.Tag != 50) return Answer.Continue;
            decisions++;
            // The caller is parked in the trapped call (notify: received, so the wait is killable only;
            // ptrace: in a seccomp stop). Queue SIGALRM and make sure it is pending before answering.
            Assert.Equal(0, Libc.Kill(c.Pid, SIGALRM));
            Assert.True(SpinUntil(() => SignalPending(c.Pid, SIGALRM)), "SIGALRM never became pending");
            return Answer.Return(4242);
        }, exe);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        Assert.Equal(1, decisions); // seen once: not restarted after the signal
        var rep = run.Reported();
        Assert.Equal(4242, rep["r50"]); // the supervisor's answer, not -EINTR
        Assert.Equal(1, rep["got"]);    // and the signal was still delivered afterwards
    }

    private static bool SpinUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            Thread.Yield();
        }
        return false;
    }

    private static bool SignalPending(int pid, int signal)
    {
        ulong bit = 1UL << (signal - 1);
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("ShdPnd:", StringComparison.Ordinal) || line.StartsWith("SigPnd:", StringComparison.Ordinal))
                if ((ulong.Parse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & bit) != 0)
                    return true;
        return false;
    }
}
