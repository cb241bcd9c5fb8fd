namespace Sysgate.Tests.Interception.Coverage;

/// <summary>Threads (pthread, clone, clone3 with and without CLONE_THREAD) and exec from a non-leader thread.</summary>
public class ThreadCoverageTests
{
    private const string Threads = """
        #define N 8
        static pthread_barrier_t bar;
        static void *worker(void *p) {
            int i = (int)(long)p;
            pthread_barrier_wait(&bar);          /* all 8 alive at once: 8 distinct tids */
            long r = marker(100 + i);
            sayi("tid", i, rgettid());
            sayi("res", i, r);
            return NULL;
        }
        int main(void) {
            wait_started();
            pthread_t t[N];
            pthread_barrier_init(&bar, NULL, N);
            for (long i = 0; i < N; i++)
                if (pthread_create(&t[i], NULL, worker, (void *)i)) die("pthread_create");
            for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
            long r = marker(99);
            say("pid", getpid());
            say("resmain", r);
            return 0;
        }
        """;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void Every_thread_of_a_pthread_program_is_trapped_with_its_own_tid(Backend backend)
    {
        var exe = CPrelude.Build("threads", Threads);
        var run = CoverageRun.Run(backend, CoverageRun.MarkerOnly, c => c.IsMarker ? Answer.Fail(CPrelude.EACCES) : Answer.Continue, exe);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();
        var markers = run.Markers.ToList();
        Assert.Equal(9, markers.Count);
        Assert.Equal(Enumerable.Range(99, 9).Select(i => (long)i), markers.Select(m => m.Tag).Order());
        Assert.All(markers, m => Assert.Equal(rep["pid"], m.Pid));
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(rep[$"tid{i}"], markers.Single(m => m.Tag == 100 + i).Tid);
            Assert.Equal(-CPrelude.EACCES, rep[$"res{i}"]);
        }
        Assert.Equal(rep["pid"], markers.Single(m => m.Tag == 99).Tid);
        Assert.Equal(9, markers.Select(m => m.Tid).Distinct().Count());
        Assert.Equal(-CPrelude.EACCES, rep["resmain"]);
    }

    private const string Clones = """
        struct cl_args { uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup; };
        #define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM)
        static int done[2];
        static volatile long res[4], tids[4];

        /* clone3 with a new stack: the child starts on it right after the syscall instruction, so it must run
           fn and exit(2) from assembly (it has no frame to return into). */
        static long clone3_thread(struct cl_args *a, void (*fn)(void)) {
            long ret;
            register void (*f)(void) __asm__("r12") = fn;
            __asm__ volatile(
                "syscall\n\t"
                "test %%rax, %%rax\n\t"
                "jnz 1f\n\t"
                "xor %%ebp, %%ebp\n\t"
                "call *%%r12\n\t"
                "mov $60, %%eax\n\t"
                "xor %%edi, %%edi\n\t"
                "syscall\n\t"
                "hlt\n"
                "1:\n"
                : "=a"(ret) : "0"((long)SYS_clone3), "D"(a), "S"(sizeof *a), "r"(f) : "rcx", "r11", "memory");
            return ret;
        }
        /* Thread bodies use raw syscalls only: they share the creator's TLS (no CLONE_SETTLS), so no errno. */
        static void raw_thread(void) { res[3] = marker(203); tids[3] = rgettid(); rsys(SYS_write, done[1], (long)"x", 1); }
        static int glibc_thread(void *arg) { res[0] = marker(200); tids[0] = rgettid(); rsys(SYS_write, done[1], (long)"x", 1); return 0; }
        static int glibc_process(void *arg) { long r = marker(201); say("tid201", rgettid()); say("res201", r); return 0; }

        static void wait_done(void) { char b; if (read(done[0], &b, 1) != 1) die("read"); }
        static void reap(pid_t p) { int st; if (waitpid(p, &st, __WALL) != p || !WIFEXITED(st) || WEXITSTATUS(st)) die("child"); }

        int main(void) {
            wait_started();
            if (pipe(done)) die("pipe");
            say("pid", getpid());
            size_t sz = 256 * 1024;
            char *s1 = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
            char *s2 = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
            char *s3 = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
            if (s1 == MAP_FAILED || s2 == MAP_FAILED || s3 == MAP_FAILED) die("mmap");

            /* clone(CLONE_THREAD) through glibc */
            if (clone(glibc_thread, s1 + sz, THREAD_FLAGS, NULL) < 0) die("clone thread");
            wait_done();
            say("tid200", tids[0]); say("res200", res[0]);

            /* clone() of a process through glibc */
            pid_t p = clone(glibc_process, s2 + sz, SIGCHLD, NULL);
            if (p < 0) die("clone process");
            reap(p);

            /* raw clone3 of a process (fork-like: no stack, returns twice) */
            struct cl_args a; memset(&a, 0, sizeof a);
            a.exit_signal = SIGCHLD;
            long c = rsys(SYS_clone3, (long)&a, sizeof a, 0);
            if (c == 0) { long r = marker(202); say("tid202", rgettid()); say("res202", r); _exit(0); }
            if (c < 0) { errno = -c; die("clone3 process"); }
            reap((pid_t)c);

            /* raw clone3 with CLONE_THREAD */
            memset(&a, 0, sizeof a);
            a.flags = THREAD_FLAGS;
            a.stack = (uint64_t)s3; a.stack_size = sz;
            c = clone3_thread(&a, raw_thread);
            if (c < 0) { errno = -c; die("clone3 thread"); }
            wait_done();
            say("tid203", tids[3]); say("res203", res[3]);
            return 0;
        }
        """;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void Clone_and_clone3_children_and_threads_are_trapped(Backend backend)
    {
        var exe = CPrelude.Build("clones", Clones);
        var run = CoverageRun.Run(backend, CoverageRun.MarkerOnly, c => c.IsMarker ? Answer.Fail(CPrelude.EACCES) : Answer.Continue, exe);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();
        long pid = rep["pid"];
        foreach (int tag in new[] { 200, 201, 202, 203 })
        {
            var m = Assert.Single(run.Markers, c => c.Tag == tag);
            Assert.Equal(rep[$"tid{tag}"], m.Tid);
            Assert.Equal(-CPrelude.EACCES, rep[$"res{tag}"]);
            bool thread = tag is 200 or 203;
            // threads belong to the program's thread group; clone()d processes lead their own
            Assert.Equal(thread ? pid : m.Tid, m.Pid);
            Assert.NotEqual(pid, m.Tid);
        }
    }

    private const string ThreadExec = """
        static char **args;
        static void *worker(void *p) {
            long r = marker(300);
            say("tidthread", rgettid());
            say("res300", r);
            char pid[32];
            snprintf(pid, sizeof pid, "%d", getpid());
            char *argv[] = { args[0], "after", pid, NULL };
            execv("/proc/self/exe", argv);
            die("execv");
            return NULL;
        }
        int main(int argc, char **argv) {
            wait_started();
            if (argc == 3 && strcmp(argv[1], "after") == 0) {
                long r = marker(301);
                say("pidafter", getpid());
                say("tidafter", rgettid());
                say("res301", r);
                return r == -EACCES && getpid() == atol(argv[2]) ? 0 : 1;
            }
            args = argv;
            say("pid", getpid());
            pthread_t t;
            if (pthread_create(&t, NULL, worker, NULL)) die("pthread_create");
            for (;;) pause();   /* the leader waits; the thread's execve replaces everything */
        }
        """;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void Exec_from_a_non_leader_thread_stays_trapped_under_the_leaders_tid(Backend backend)
    {
        var exe = CPrelude.Build("threadexec", ThreadExec);
        var run = CoverageRun.Run(backend, CoverageRun.MarkersAndFiles,
            c => c.IsMarker && c.Tag == 301 ? Answer.Fail(CPrelude.EACCES) : Answer.Continue, exe);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();
        long pid = rep["pid"], threadTid = rep["tidthread"];
        Assert.NotEqual(pid, threadTid);
        var before = Assert.Single(run.Markers, c => c.Tag == 300);
        Assert.Equal((pid, threadTid), ((long)before.Pid, (long)before.Tid));
        Assert.Equal(Environment.ProcessId, rep["res300"]); // continued: the real parent (this test host) 
        var exec = Assert.Single(run.Calls, c => c.Number == Sysgate.Native.Sysno.X86_64.execve && c.Path == "/proc/self/exe");
        Assert.Equal(threadTid, exec.Tid);
        var after = Assert.Single(run.Markers, c => c.Tag == 301);
        Assert.Equal((pid, pid), ((long)after.Pid, (long)after.Tid));
        Assert.Equal((pid, pid), (rep["pidafter"], rep["tidafter"]));
        Assert.Equal(-CPrelude.EACCES, rep["res301"]);
    }

    private const string TidReuse = """
        struct cl_args { uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup; };
        static volatile long ttid;
        static void *worker(void *p) { ttid = rgettid(); say("r90", marker(90)); return NULL; }
        int main(void) {
            wait_started();
            say("pid", getpid());
            pthread_t t;
            if (pthread_create(&t, NULL, worker, NULL)) die("pthread_create");
            pthread_join(t, NULL);
            say("threadtid", ttid);
            /* The thread is gone; a new process takes its tid (clone3 set_tid as root; pid wrap-around does the
               same for anyone). The tid is freed a moment after pthread_join returns: retry while it is taken. */
            pid_t want = (pid_t)ttid;
            struct cl_args a;
            memset(&a, 0, sizeof a);
            a.exit_signal = SIGCHLD;
            a.set_tid = (uint64_t)(uintptr_t)&want;
            a.set_tid_size = 1;
            long c = -EEXIST;
            for (int i = 0; i < 1000000 && c == -EEXIST; i++) {
                c = rsys(SYS_clone3, (long)&a, sizeof a, 0);
                if (c == -EEXIST) sched_yield();
            }
            if (c == 0) { say("reusepid", getpid()); say("r91", marker(91)); _exit(0); }
            if (c < 0) { say("clone3", c); return 3; }
            if (waitpid((pid_t)c, NULL, 0) != c) die("waitpid");
            return 0;
        }
        """;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void A_tid_reused_by_another_process_is_attributed_to_the_new_process(Backend backend)
    {
        var exe = CPrelude.Build("tidreuse", TidReuse);
        var run = CoverageRun.Run(backend, CoverageRun.MarkerOnly, c => c.IsMarker ? Answer.Fail(CPrelude.EACCES) : Answer.Continue, exe);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();
        long pid = rep["pid"], tid = rep["threadtid"];
        Assert.Equal(tid, rep["reusepid"]);
        var thread = Assert.Single(run.Markers, m => m.Tag == 90);
        Assert.Equal((pid, tid), ((long)thread.Pid, (long)thread.Tid));
        var reused = Assert.Single(run.Markers, m => m.Tag == 91);
        Assert.True((tid, tid) == (reused.Pid, reused.Tid), "the new process was taken for the old thread's\n" + run.Describe());
        Assert.Equal(-CPrelude.EACCES, rep["r90"]);
        Assert.Equal(-CPrelude.EACCES, rep["r91"]);
    }
}
