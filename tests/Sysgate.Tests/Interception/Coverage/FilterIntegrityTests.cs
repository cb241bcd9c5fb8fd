namespace Sysgate.Tests.Interception.Coverage;

/// <summary>
/// The tracee tries to get rid of, override or get around the filter itself. (<c>int 0x80</c> cannot be run on the
/// test VM; the filter's arch check is covered by the BPF interpreter tests.)
/// </summary>
public class FilterIntegrityTests
{
    private const string Tamper = """
        #include <stddef.h>
        #include <sys/ioctl.h>
        #include <linux/filter.h>
        #include <linux/seccomp.h>
        static long res(long r) { return r < 0 ? -errno : r; }
        /* getppid -> action, everything else ALLOW */
        static long install(unsigned flags, unsigned action) {
            struct sock_filter f[] = {
                BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
                BPF_STMT(BPF_RET | BPF_K, action),
                BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
            };
            struct sock_fprog p = { 4, f };
            return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &p);
        }
        static volatile long r62;
        static void *caller(void *p) { r62 = marker(62); return NULL; }

        int main(int argc, char **argv) {
            wait_started();
            if (argc == 2 && strcmp(argv[1], "basic") == 0) {
                say("disable", res(prctl(PR_SET_SECCOMP, 0 /* SECCOMP_MODE_DISABLED */, 0, 0, 0)));
                say("mode", prctl(PR_GET_SECCOMP, 0, 0, 0, 0));
                say("stackallow", res(install(0, SECCOMP_RET_ALLOW)));   /* stacks; cannot loosen */
                say("stacklog", res(install(0, SECCOMP_RET_LOG)));
                say("r60", marker(60));
                pid_t c = fork();                                          /* the child inherits all of them */
                if (c == 0) { say("r61", marker(61)); _exit(0); }
                waitpid(c, NULL, 0);
                return 0;
            }
            /* "listener": a listener of our own would take getppid first (USER_NOTIF outranks TRACE, and the
               newest filter wins among equals); the kernel must refuse it while an outer filter has one. */
            long fd = install(SECCOMP_FILTER_FLAG_NEW_LISTENER, SECCOMP_RET_USER_NOTIF);
            say("listener", res(fd));
            if (fd < 0) { say("r62", marker(62)); return 0; }
            pthread_t t;
            if (pthread_create(&t, NULL, caller, NULL)) die("pthread_create");
            struct seccomp_notif req;
            memset(&req, 0, sizeof req);
            if (ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, &req)) die("NOTIF_RECV");
            struct seccomp_notif_resp resp;
            memset(&resp, 0, sizeof resp);
            resp.id = req.id;
            resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
            if (ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, &resp)) die("NOTIF_SEND");
            pthread_join(t, NULL);
            say("r62", r62);
            return 0;
        }
        """;

    private static Answer FailMarkers(Call c) => c.IsMarker ? Answer.Fail(CPrelude.EACCES) : Answer.Continue;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void Filter_cannot_be_disabled_and_stacked_filters_do_not_loosen_it(Backend backend)
    {
        var exe = CPrelude.Build("tamper", Tamper);
        var run = CoverageRun.Run(backend, CoverageRun.MarkerOnly, FailMarkers, exe, "basic");
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();
        Assert.Equal(-22, rep["disable"]); // EINVAL
        Assert.Equal(2, rep["mode"]);      // SECCOMP_MODE_FILTER
        Assert.Equal(0, rep["stackallow"]);
        Assert.Equal(0, rep["stacklog"]);
        Assert.Equal(-CPrelude.EACCES, rep["r60"]);
        Assert.Equal(-CPrelude.EACCES, rep["r61"]);
        Assert.Single(run.Markers, m => m.Tag == 60);
        Assert.Single(run.Markers, m => m.Tag == 61);
    }

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    [InlineData(Backend.PtraceViaTask)]
    public void Tracee_cannot_install_a_listener_that_takes_calls_first(Backend backend)
    {
        var exe = CPrelude.Build("tamper", Tamper);
        var run = CoverageRun.Run(backend, CoverageRun.MarkerOnly, FailMarkers, exe, "listener");
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();
        Assert.True(rep["listener"] == -16, run.Describe()); // EBUSY
        Assert.Equal(-CPrelude.EACCES, rep["r62"]);
        Assert.Single(run.Markers, m => m.Tag == 62);
    }

    // The classic pre-4.8 bypass: a tracer (here the tracee's own parent) rewrites a call at its RET_TRACE stop,
    // after seccomp has allowed the original. The kernel must run the filters again on the rewritten call.
    private const string Rewrite = """
        #include <stddef.h>
        #include <sys/ptrace.h>
        #include <sys/user.h>
        #include <linux/filter.h>
        #include <linux/seccomp.h>
        int main(void) {
            wait_started();
            pid_t c = fork();
            if (c < 0) die("fork");
            if (c == 0) {
                if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0) { say("traceme", -errno); _exit(0); }
                raise(SIGSTOP);
                struct sock_filter f[] = {   /* getuid -> RET_TRACE (our parent's stop), else ALLOW */
                    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
                    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getuid, 0, 1),
                    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
                    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
                };
                struct sock_fprog p = { 4, f };
                if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &p)) die("seccomp");
                say("child", getpid());
                say("r96", rsys(SYS_getuid, MAGIC, 96, 0));   /* rewritten to getppid(MAGIC, 96) by the parent */
                _exit(0);
            }
            int st;
            if (waitpid(c, &st, 0) != c) die("waitpid");
            if (WIFEXITED(st)) return 0;                      /* could not be traced by us */
            if (ptrace(PTRACE_SETOPTIONS, c, 0, PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL)) die("SETOPTIONS");
            if (ptrace(PTRACE_CONT, c, 0, 0)) die("CONT");
            for (;;) {
                if (waitpid(c, &st, 0) != c) die("waitpid");
                if (WIFEXITED(st) || WIFSIGNALED(st)) break;
                if (WIFSTOPPED(st) && (st >> 8) == (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8))) {
                    struct user_regs_struct regs;
                    if (ptrace(PTRACE_GETREGS, c, 0, &regs)) die("GETREGS");
                    regs.orig_rax = SYS_getppid;
                    if (ptrace(PTRACE_SETREGS, c, 0, &regs)) die("SETREGS");
                    say("rewrote", 1);
                    if (ptrace(PTRACE_CONT, c, 0, 0)) die("CONT");
                    continue;
                }
                if (ptrace(PTRACE_CONT, c, 0, WIFSTOPPED(st) ? WSTOPSIG(st) : 0)) die("CONT");
            }
            return 0;
        }
        """;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void A_call_rewritten_by_the_tracees_own_tracer_is_checked_again(Backend backend)
    {
        var exe = CPrelude.Build("rewrite", Rewrite);
        var run = CoverageRun.Run(backend, CoverageRun.MarkerOnly, FailMarkers, exe);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();
        if (backend == Backend.Ptrace)
        {
            // Already traced by the backend: the tracee cannot become its child's tracer at all.
            Assert.True(rep["traceme"] == -1, run.Describe()); // EPERM
            return;
        }
        Assert.True(rep.ContainsKey("rewrote"), run.Describe());
        Assert.Equal(rep["child"], Assert.Single(run.Markers, m => m.Tag == 96).Pid);
        Assert.Equal(-CPrelude.EACCES, rep["r96"]);
    }
}
