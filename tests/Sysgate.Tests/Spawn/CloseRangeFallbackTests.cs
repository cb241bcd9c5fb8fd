using Sysgate.Native.Seccomp;
using Sysgate.Native;
using Sysgate.Native.Interop;
using Sysgate.Spawn;
using static Sysgate.Tests.Spawn.ChildFdProbe;

namespace Sysgate.Tests.Spawn;

/// <summary>
/// With close_range refused (as a container's seccomp policy may do), glibc's closefrom walks
/// /proc/self/fd in the child instead; the child must still get exactly the designated fds.
/// </summary>
[Collection(InheritableFdsCollection.Name)]
public class CloseRangeFallbackTests
{
    /// <summary>On the spawn thread only: no_new_privs + a filter answering close_range with EPERM.</summary>
    private sealed unsafe class DenyCloseRange : ISpawnThreadSetup
    {
        private const uint CloseRangeNr = 436;  // same number on x86_64 and aarch64

        public void Apply()
        {
            uint arch = AuditArch.Of(HostArch.Current);
            SockFilter* prog = stackalloc SockFilter[]
            {
                new(BpfOp.LD | BpfOp.W | BpfOp.ABS, 0, 0, 4),
                new(BpfOp.JMP | BpfOp.JEQ | BpfOp.K, 0, 3, arch),
                new(BpfOp.LD | BpfOp.W | BpfOp.ABS, 0, 0, 0),
                new(BpfOp.JMP | BpfOp.JEQ | BpfOp.K, 0, 1, CloseRangeNr),
                new(BpfOp.RET | BpfOp.K, 0, 0, SeccompConstants.RET_ERRNO | Errno.EPERM),
                new(BpfOp.RET | BpfOp.K, 0, 0, SeccompConstants.RET_ALLOW),
            };
            var fprog = new SockFprog { Length = 6, Filter = prog };
            if (Libc.Prctl(SeccompConstants.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) throw ErrnoException.FromLast("prctl(PR_SET_NO_NEW_PRIVS)");
            if (Sys.Seccomp(SeccompConstants.SET_MODE_FILTER, 0, &fprog) != 0) throw ErrnoException.FromLast("seccomp");
            // Prove the filter is live on this thread before the spawn relies on it.
            if (Libc.CloseRange(uint.MaxValue, uint.MaxValue, 0) == 0 || Errno.Last != Errno.EPERM)
                throw new InvalidOperationException("close_range was not refused on the spawn thread");
        }
    }

    [Fact]
    public void Child_gets_exactly_the_designated_fds_when_close_range_is_refused()
    {
        using var temp = new TempFds();
        int designated = temp.Open();
        var leaks = new[] { temp.Open(cloexec: false), temp.Open(cloexec: false) };
        int high = Libc.Fcntl(leaks[0], FcntlConst.F_DUPFD, 900);  // inheritable, far above
        try
        {
            string status = "";
            var fds = FdsOf(Sleeper(FdMap.Stdio().Map(5, designated), setup: new DenyCloseRange()),
                pid => status = File.ReadAllText($"/proc/{pid}/status"));
            Assert.Contains("Seccomp:\t2", status);  // the child really ran under the filter
            Assert.Equal([0, 1, 2, 5], fds.Keys.Order());
            Assert.Equal(Target(designated), fds[5]);
            // And this process is untouched: the filter lived on the spawn thread only.
            Assert.Equal(0, Libc.CloseRange(uint.MaxValue, uint.MaxValue, 0));
        }
        finally { Libc.Close(high); }
    }

    [Fact]
    public void Probe_reports_close_range_available_here()
    {
        Assert.True(SafeProcess.CloseRangeAvailable);
    }

    [Fact]
    public void Probe_logs_the_fallback_when_close_range_is_refused()
    {
        var lines = new List<string>();
        bool available = true;
        Exception? failure = null;
        // A throwaway thread carries the filter; this process's other threads never see it.
        var thread = new Thread(() =>
        {
            try
            {
                new DenyCloseRange().Apply();
                var old = SpawnLog.Debug;
                SpawnLog.Debug = lines.Add;
                try { available = FdTable.ProbeCloseRange(); }
                finally { SpawnLog.Debug = old; }
            }
            catch (Exception e) { failure = e; }
        });
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        Assert.False(available);
        Assert.Contains(lines, l => l.Contains("close_range") && l.Contains("fallback"));
    }
}
