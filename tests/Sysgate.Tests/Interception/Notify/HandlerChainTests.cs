using Sysgate.Interception;
using Sysgate.Native;

namespace Sysgate.Tests.Interception.Notify;

public class HandlerChainTests
{
    private sealed class NoContext : SyscallContext
    {
        public override InterceptionBackend Backend => InterceptionBackend.None;
        public override bool IsStillValid() => false;
        public override bool Supports(SyscallDecisionKind kind) => true;
    }

    private static SyscallEvent Event(int nr) =>
        new(1, 10, 10, Arch.X86_64, nr, [1, 2, 3], 0x1000, InterceptionBackend.SeccompNotify);

    [Fact]
    public void First_non_continue_wins_and_later_handlers_are_skipped()
    {
        int thirdCalls = 0;
        var chain = new HandlerChain(
            new DelegateSyscallHandler((in ev, _) => SyscallDecision.Continue),
            new DelegateSyscallHandler((in ev, _) => ev.Number == 2 ? SyscallDecision.Fail(Errno.EPERM) : SyscallDecision.Continue),
            new DelegateSyscallHandler((in ev, _) => { thirdCalls++; return SyscallDecision.Return(7); }));
        var ctx = new NoContext();
        Assert.Equal(SyscallDecision.Fail(Errno.EPERM), chain.Handle(Event(2), ctx));
        Assert.Equal(0, thirdCalls);
        Assert.Equal(SyscallDecision.Return(7), chain.Handle(Event(3), ctx));
        Assert.Equal(1, thirdCalls);
        Assert.Equal(SyscallDecision.Continue, new HandlerChain().Handle(Event(3), ctx));
    }

    [Fact]
    public void Event_and_decision_carry_their_values()
    {
        var ev = Event(257);
        Assert.Equal([1ul, 2, 3, 0, 0, 0], ev.Args.ToArray());
        Assert.Equal(2ul, ev.Arg(1));
        Assert.False(ev.IsWarmup);
        Assert.Equal(SyscallDecisionKind.Alter, SyscallDecision.Alter([9, 8]).Kind);
        Assert.Equal([9ul, 8, 0, 0, 0, 0], SyscallDecision.Alter([9, 8]).Args.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => SyscallDecision.Return(-2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyscallDecision.Fail(0));
        Assert.Equal("InjectFd(5 -> 3, cloexec)", SyscallDecision.InjectFd(5, 3, true).ToString());
    }

    [Fact]
    public void Proc_status_tgid_parsing()
    {
        Assert.Equal(1234, Sysgate.Interception.Notify.ProcStatus.ParseTgid("Name:\tx\nUmask:\t0022\nState:\tS\nTgid:\t1234\nNgid:\t0\n"u8));
        Assert.Equal(Environment.ProcessId, Sysgate.Interception.Notify.ProcStatus.ReadTgid(Environment.ProcessId));
        Assert.Equal(0, Sysgate.Interception.Notify.ProcStatus.ReadTgid(int.MaxValue));
    }

    [Fact]
    public void Thread_group_resolution_for_leaders_threads_and_gone_tids()
    {
        int threadTid = 0;
        using var release = new ManualResetEventSlim();
        var t = new Thread(() => { Volatile.Write(ref threadTid, Sysgate.Native.Interop.Sys.Gettid()); release.Wait(); });
        t.Start();
        SpinWait.SpinUntil(() => Volatile.Read(ref threadTid) != 0);
        try
        {
            var cold = new Sysgate.Interception.Notify.ThreadGroupResolver();
            Assert.Equal(Environment.ProcessId, cold.Resolve(threadTid));          // via /proc status
            Assert.Equal(Environment.ProcessId, cold.Resolve(threadTid));          // via the remembered group
            Assert.Equal(Environment.ProcessId, cold.Resolve(Environment.ProcessId)); // a leader
            Assert.Equal(0, cold.Resolve(int.MaxValue));
        }
        finally
        {
            release.Set();
            t.Join();
        }
    }
}
