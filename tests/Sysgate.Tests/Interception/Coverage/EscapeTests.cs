namespace Sysgate.Tests.Interception.Coverage;

/// <summary>
/// Ways around the interception that do not tamper with the filter itself: addresses the filter trusts, tids the
/// supervisor trusts, children the tracer does not attach, and work that is not a system call at all.
/// </summary>
public class EscapeTests
{
    private static Answer FailMarkers(Call c) => c.IsMarker ? Answer.Fail(CPrelude.EACCES) : Answer.Continue;
    // Calls from the supervisor's own libc code range are exempt under ptrace (so posix_spawn's pre-exec child runs
    // untraced). The tracee can read that range from /proc/<parent>/maps and put code there.
    private const string LibcRange = """
        int main(void) {
            wait_started();
            long ppid = rsys(SYS_getppid, 0, 0, 0);   /* not a marker: continued */
            char path[64];
            snprintf(path, sizeof path, "/proc/%ld/maps", ppid);
            FILE *f = fopen(path, "r");
            if (!f) die("open parent maps");
            char line[512];
            unsigned long lo = 0, hi = 0;
            while (fgets(line, sizeof line, f)) {
                unsigned long a, b; char perms[8];
                if (sscanf(line, "%lx-%lx %7s", &a, &b, perms) == 3 && strcmp(perms, "r-xp") == 0 && strstr(line, "/libc.so.6")) {
                    lo = a; hi = b; break;
                }
            }
            fclose(f);
            if (!lo) die("no libc in the parent's maps");
            unsigned char *code = MAP_FAILED;
            for (unsigned long at = lo; at < hi && code == MAP_FAILED; at += 4096)
                code = mmap((void *)at, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
            if (code == MAP_FAILED) die("mmap in the parent's libc range");
            /* long fn(nr, a, b): mov rax,rdi; mov rdi,rsi; mov rsi,rdx; syscall; ret */
            static const unsigned char stub[] = { 0x48,0x89,0xf8, 0x48,0x89,0xf7, 0x48,0x89,0xd6, 0x0f,0x05, 0xc3 };
            memcpy(code, stub, sizeof stub);
            long (*fn)(long, long, long) = (long (*)(long, long, long))code;
            say("r80", fn(SYS_getppid, MAGIC, 80));
            say("r81", marker(81));
            return 0;
        }
        """;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    [InlineData(Backend.PtraceViaTask)]
    public void Code_placed_at_the_supervisors_libc_addresses_is_still_trapped(Backend backend)
    {
        var exe = CPrelude.Build("libcrange", LibcRange);
        var run = CoverageRun.Run(backend, CoverageRun.MarkerOnly, FailMarkers, exe);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();
        Assert.Equal(-CPrelude.EACCES, rep["r81"]);
        if (backend != Backend.Notify)
        {
            // The ptrace filter sends calls from the supervisor's libc addresses to its exec listener, which
            // refuses them from tracees (ENOSYS), whichever thread serves it: such a call can fail, never run
            // untraced.
            Assert.True(rep["r80"] == -38, run.Describe());
            return;
        }
        Assert.True(rep["r80"] == -CPrelude.EACCES, run.Describe());
        Assert.Single(run.Markers, m => m.Tag == 80);
    }

    // Tries to create processes with chosen pids just below its own (clone3 set_tid; root may, and without it pid
    // wrap-around does the same) and has each make a marker call. The spawn thread lived in that range before it
    // exited; a tracee that gets its tid must not be taken for it (the notify supervisor used to answer Continue
    // without asking the handler).
    private const string SetTid = """
        struct cl_args { uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup; };
        static int tried, escaped;
        /* a process with pid t (if free) makes a marker call; it must come back failed with EACCES */
        static void probe(pid_t t) {
            struct cl_args a;
            memset(&a, 0, sizeof a);
            a.exit_signal = SIGCHLD;
            a.set_tid = (uint64_t)(uintptr_t)&t;
            a.set_tid_size = 1;
            long c = rsys(SYS_clone3, (long)&a, sizeof a, 0);
            if (c == 0) _exit(marker(70) == -EACCES ? 0 : 1);
            if (c == -EEXIST) return;
            if (c < 0) { say("clone3", c); exit(3); }
            tried++;
            int st;
            if (waitpid((pid_t)c, &st, 0) != c) die("waitpid");
            if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) { escaped++; say("escapedtid", t); }
        }
        int main(void) {
            char buf[32];
            size_t n = 0;
            ssize_t r;
            while ((r = read(0, buf + n, sizeof buf - 1 - n)) > 0) n += r;   /* EOF: the spawn thread has exited */
            buf[n] = 0;
            pid_t spawn = (pid_t)atol(buf), me = getpid();
            say("spawntid", spawn);
            if (spawn > 0) probe(spawn);
            for (pid_t t = me - 1; t > me - 64 && t > 300; t--)
                if (t != spawn) probe(t);
            say("tried", tried);
            say("escaped", escaped);
            return 0;
        }
        """;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void Reused_tids_of_the_supervisors_exited_spawn_thread_are_trapped(Backend backend)
    {
        var exe = CPrelude.Build("settid", SetTid);
        var run = CoverageRun.Run(backend, CoverageRun.MarkerOnly, FailMarkers, sendSpawnThreadId: true, exe);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();
        Assert.True(rep["tried"] > 0, run.Describe());
        if (backend == Backend.Notify)
            Assert.True(rep["spawntid"] > 0 && rep["tried"] >= 1 && !run.Stdout.Contains("clone3"), run.Describe());
        Assert.True(rep["escaped"] == 0, run.Describe());
        Assert.Equal(rep["tried"], run.Markers.Count(m => m.Tag == 70));
    }

    // CLONE_UNTRACED stops a ptracer from auto-attaching the child (PTRACE_O_TRACEFORK is not forced on it).
    private const string Untraced = """
        static int child(void *arg) { (void)arg; long r = marker(95); say("r95", r); return 0; }
        int main(void) {
            wait_started();
            size_t sz = 256 * 1024;
            char *stack = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
            if (stack == MAP_FAILED) die("mmap");
            pid_t p = clone(child, stack + sz, CLONE_UNTRACED | SIGCHLD, NULL);
            if (p < 0) die("clone");
            say("untraced", p);
            int st;
            if (waitpid(p, &st, 0) != p) die("waitpid");
            return 0;
        }
        """;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void A_CLONE_UNTRACED_child_never_runs_a_trapped_call_unvetted(Backend backend)
    {
        var exe = CPrelude.Build("untraced", Untraced);
        var run = CoverageRun.Run(backend, CoverageRun.MarkerOnly, FailMarkers, exe);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        long r = run.Reported()["r95"];
        // Fail closed at least: vetted (EACCES) or, untraced under ptrace, RET_TRACE without a tracer (ENOSYS).
        Assert.True(r == -CPrelude.EACCES || (backend == Backend.Ptrace && r == -38), run.Describe());
    }

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace, Skip = "limitation (ptrace backend): a child cloned with CLONE_UNTRACED is not auto-attached; its " +
        "calls of interest fail with ENOSYS (RET_TRACE without a tracer) instead of reaching the client, so the trace " +
        "misses that process and a Continue policy is not honoured")]
    public void A_CLONE_UNTRACED_child_is_still_seen(Backend backend)
    {
        var exe = CPrelude.Build("untraced", Untraced);
        var run = CoverageRun.Run(backend, CoverageRun.MarkerOnly, FailMarkers, exe);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();
        Assert.Equal(rep["untraced"], Assert.Single(run.Markers, m => m.Tag == 95).Pid);
        Assert.Equal(-CPrelude.EACCES, rep["r95"]);
    }

    // IORING_OP_OPENAT opens a file without an openat system call: seccomp never sees it.
    private const string Uring = """
        #include <linux/io_uring.h>
        int main(int argc, char **argv) {
            wait_started();
            int plain = open(argv[1], O_RDONLY);
            say("plain", plain < 0 ? -errno : 0);
            struct io_uring_params p;
            memset(&p, 0, sizeof p);
            int fd = syscall(SYS_io_uring_setup, 4, &p);
            if (fd < 0) { say("setup", -errno); return 0; }
            size_t sqsz = p.sq_off.array + p.sq_entries * sizeof(unsigned);
            size_t cqsz = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
            if (p.features & IORING_FEAT_SINGLE_MMAP) { if (cqsz > sqsz) sqsz = cqsz; }
            char *sq = mmap(NULL, sqsz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
            if (sq == MAP_FAILED) die("mmap sq");
            char *cq = sq;
            if (!(p.features & IORING_FEAT_SINGLE_MMAP)) {
                cq = mmap(NULL, cqsz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_CQ_RING);
                if (cq == MAP_FAILED) die("mmap cq");
            }
            struct io_uring_sqe *sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE,
                                             MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
            if (sqes == MAP_FAILED) die("mmap sqes");
            unsigned *tail = (unsigned *)(sq + p.sq_off.tail), mask = *(unsigned *)(sq + p.sq_off.ring_mask);
            unsigned idx = *tail & mask;
            struct io_uring_sqe *e = &sqes[idx];
            memset(e, 0, sizeof *e);
            e->opcode = IORING_OP_OPENAT;
            e->fd = AT_FDCWD;
            e->addr = (uint64_t)(uintptr_t)argv[1];
            e->open_flags = O_RDONLY;
            ((unsigned *)(sq + p.sq_off.array))[idx] = idx;
            __atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
            if (syscall(SYS_io_uring_enter, fd, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0) < 0) { say("enter", -errno); return 0; }
            unsigned head = *(unsigned *)(cq + p.cq_off.head), cmask = *(unsigned *)(cq + p.cq_off.ring_mask);
            struct io_uring_cqe *c = (struct io_uring_cqe *)(cq + p.cq_off.cqes) + (head & cmask);
            say("uring", c->res < 0 ? c->res : 0);   /* 0: opened the file the policy denies */
            return 0;
        }
        """;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void Io_uring_cannot_open_what_openat_is_denied_when_io_uring_setup_is_trapped_too(Backend backend)
    {
        var exe = CPrelude.Build("uring", Uring);
        using var file = new CPrelude.MarkerFile();
        int[] interest = [Sysgate.Native.Sysno.X86_64.openat, Sysgate.Native.Sysno.X86_64.io_uring_setup];
        var run = CoverageRun.Run(backend, interest, c =>
            c.Number == Sysgate.Native.Sysno.X86_64.io_uring_setup || (c.Number == Sysgate.Native.Sysno.X86_64.openat && c.Path == file.Path)
                ? Answer.Fail(1) : Answer.Continue, exe, file.Path);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();
        Assert.Equal(-1, rep["plain"]);
        Assert.Equal(-1, rep["setup"]); // EPERM from the policy: no ring, no way around openat
        Assert.Single(run.Calls, c => c.Number == Sysgate.Native.Sysno.X86_64.io_uring_setup);
    }

    [Theory]
    [InlineData(Backend.Notify, Skip = "limitation (both backends, policy level): io_uring operations are not system calls; with only " +
        "openat in the interest set, IORING_OP_OPENAT opens the denied file. A vetting policy must also deny io_uring_setup " +
        "(see the test above); nothing adds it automatically yet")]
    [InlineData(Backend.Ptrace, Skip = "limitation (both backends, policy level): io_uring bypasses an openat-only interest set")]
    public void Io_uring_cannot_open_what_openat_is_denied(Backend backend)
    {
        var exe = CPrelude.Build("uring", Uring);
        using var file = new CPrelude.MarkerFile();
        var run = CoverageRun.Run(backend, [Sysgate.Native.Sysno.X86_64.openat],
            c => c.Number == Sysgate.Native.Sysno.X86_64.openat && c.Path == file.Path ? Answer.Fail(1) : Answer.Continue, exe, file.Path);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();
        Assert.Equal(-1, rep["plain"]);
        Assert.True(!rep.TryGetValue("uring", out long u) || u < 0, run.Describe());
    }
}
