using System.Buffers.Binary;
using System.Text;
using Sysgate.Tracing;

namespace Sysgate.Tests.Tracing;

public class SignalInfoFormatterTests
{
    private static byte[] SigInfo(int signo, int code, int pid = 0, int uid = 0, int status = 0)
    {
        var b = new byte[128];
        BinaryPrimitives.WriteInt32LittleEndian(b, signo);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(8), code);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(16), pid);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(20), uid);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(24), status);
        return b;
    }

    private static string Format(int signal, byte[]? info)
    {
        var sb = new StringBuilder();
        SignalInfoFormatter.Append(sb, signal, info);
        return sb.ToString();
    }

    [Fact]
    public void Sigchld_as_strace_prints_it()
        => Assert.Equal("SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=42, si_uid=0, si_status=3, si_utime=0, si_stime=0}",
            Format(17, SigInfo(17, 1, pid: 42, status: 3)));

    [Fact]
    public void Killed_child_status_is_a_signal_name()
        => Assert.Contains("si_code=CLD_KILLED, si_pid=7, si_uid=0, si_status=SIGKILL,", Format(17, SigInfo(17, 2, pid: 7, status: 9)));

    [Fact]
    public void Sent_signal_names_the_sender()
        => Assert.Equal("SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=5, si_uid=1000}", Format(15, SigInfo(15, 0, pid: 5, uid: 1000)));

    [Fact]
    public void Without_siginfo_only_the_name()
        => Assert.Equal("SIGINT", Format(2, null));
}
