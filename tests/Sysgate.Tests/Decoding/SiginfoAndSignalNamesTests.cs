using System.Buffers.Binary;
using System.Text;
using Sysgate.Decoding;
using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Tests.Decoding;

/// <summary>Expected strings from real strace 6.1 signal-delivery lines.</summary>
public class SiginfoAndSignalNamesTests
{
    private static byte[] Si(int signo, int code, params (int Offset, long Value, int Size)[] fields)
    {
        var b = new byte[SiginfoFormatter.Size];
        BinaryPrimitives.WriteInt32LittleEndian(b, signo);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(8), code);
        foreach (var (off, v, size) in fields)
        {
            if (size == 4) BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(off), (int)v);
            else BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(off), v);
        }
        return b;
    }

    private static string F(byte[] si)
    {
        var sb = new StringBuilder();
        SiginfoFormatter.Format(sb, si, Arch.X86_64);
        return sb.ToString();
    }

    [Fact]
    public void Sigchld_exited()
    {
        Assert.Equal("{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=8077, si_uid=0, si_status=3, si_utime=0, si_stime=0}",
            F(Si(17, 1, (16, 8077, 4), (24, 3, 4))));
        Assert.Equal("{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=5, si_uid=0, si_status=SIGKILL, si_utime=1 /* 0.01 s */, si_stime=2 /* 0.02 s */}",
            F(Si(17, 2, (16, 5, 4), (24, 9, 4), (32, 1, 8), (40, 2, 8))));
    }

    [Fact]
    public void Sent_by_kill_and_sigqueue()
    {
        Assert.Equal("{si_signo=SIGUSR1, si_code=SI_USER, si_pid=4422, si_uid=0}", F(Si(10, 0, (16, 4422, 4))));
        Assert.Equal("{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=4422, si_uid=0, si_int=7, si_ptr=0x7}", F(Si(10, -1, (16, 4422, 4), (24, 7, 8))));
        Assert.Equal("{si_signo=SIGTERM, si_code=SI_TKILL, si_pid=1, si_uid=1000}", F(Si(15, -6, (16, 1, 4), (20, 1000, 4))));
    }

    [Fact]
    public void Faults_and_seccomp()
    {
        Assert.Equal("{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10}", F(Si(11, 1, (16, 0x10, 8))));
        Assert.Equal("{si_signo=SIGSYS, si_code=SYS_SECCOMP, si_call_addr=0x7f0000001234, si_syscall=__NR_getpid, si_arch=AUDIT_ARCH_X86_64}",
            F(Si(31, 1, (16, 0x7f0000001234, 8), (24, 39, 4), (28, unchecked((int)AuditArch.X86_64), 4))));
    }

    [Fact]
    public void Rt_sigtimedwait_decodes_siginfo_at_exit()
    {
        var mem = new FakeMemory();
        ulong set = mem.Pointers(1UL << 9);
        ulong info = mem.Put(Si(10, 0, (16, 77, 4)));
        Assert.Equal("rt_sigtimedwait([USR1], {si_signo=SIGUSR1, si_code=SI_USER, si_pid=77, si_uid=0}, NULL, 8) = 10 (SIGUSR1)",
            SyscallFormatter.Format(DecodeAssert.Call("rt_sigtimedwait"), [set, info, 0, 8], 10, mem, DecodeAssert.X86));
    }

    [Theory]
    [InlineData(9, "SIGKILL")]
    [InlineData(17, "SIGCHLD")]
    [InlineData(31, "SIGSYS")]
    [InlineData(32, "SIGRTMIN")]
    [InlineData(35, "SIGRT_3")]
    public void Signal_names_round_trip(int signal, string name)
    {
        Assert.Equal(name, SignalNames.Name(signal));
        Assert.True(SignalNames.TryParse(name, out int parsed));
        Assert.Equal(signal, parsed);
    }

    [Fact]
    public void Signal_parse_forms()
    {
        Assert.True(SignalNames.TryParse("TERM", out int s));
        Assert.Equal(15, s);
        Assert.True(SignalNames.TryParse("SIGRTMIN+2", out s));
        Assert.Equal(34, s);
        Assert.True(SignalNames.TryParse("9", out s));
        Assert.Equal(9, s);
        Assert.False(SignalNames.TryParse("SIGNOPE", out _));
        Assert.False(SignalNames.TryParse("65", out _));
        Assert.Null(SignalNames.Name(0));
    }
}
