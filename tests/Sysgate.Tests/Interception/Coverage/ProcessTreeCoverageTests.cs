namespace Sysgate.Tests.Interception.Coverage;

/// <summary>fork trees, exec in a grandchild, and a daemon-style orphan that outlives the root.</summary>
public class ProcessTreeCoverageTests
{
    private const string ForkTree = """
        int main(int argc, char **argv) {
            wait_started();
            say("root", getpid());
            say("r1", marker(1));
            pid_t c = fork();
            if (c < 0) die("fork");
            if (c == 0) {
                say("child", getpid());
                say("r2", marker(2));
                pid_t g = fork();
                if (g < 0) die("fork");
                if (g == 0) {
                    say("grandchild", getpid());
                    say("r3", marker(3));
                    execl("/bin/cat", "cat", argv[1], (char *)0);
                    die("execl");
                }
                int st;
                if (waitpid(g, &st, 0) != g) die("waitpid");
                _exit(WIFEXITED(st) ? WEXITSTATUS(st) : 100);
            }
            int st;
            if (waitpid(c, &st, 0) != c) die("waitpid");
            return WIFEXITED(st) ? WEXITSTATUS(st) : 100;
        }
        """;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void Fork_fork_exec_tree_is_trapped_at_every_level(Backend backend)
    {
        var exe = CPrelude.Build("forktree", ForkTree);
        using var file = new CPrelude.MarkerFile();
        // Fail the child's marker and the grandchild's (cat's) open of the marker file; let the rest run.
        var run = CoverageRun.Run(backend, CoverageRun.MarkersAndFiles, c =>
            (c.IsMarker && c.Tag == 2) || (c.Number == Sysgate.Native.Sysno.X86_64.openat && c.Path == file.Path)
                ? Answer.Fail(CPrelude.EACCES) : Answer.Continue,
            exe, file.Path);
        var rep = run.Reported();
        Assert.True(run.Status.ExitCode == 1, run.Describe()); // cat: Permission denied, passed up the tree
        Assert.Contains("Permission denied", run.Stderr);
        long root = rep["root"], child = rep["child"], grandchild = rep["grandchild"];
        Assert.Equal(3, new[] { root, child, grandchild }.Distinct().Count());
        Assert.Equal(root, Assert.Single(run.Markers, m => m.Tag == 1).Pid);
        Assert.Equal(child, Assert.Single(run.Markers, m => m.Tag == 2).Pid);
        Assert.Equal(grandchild, Assert.Single(run.Markers, m => m.Tag == 3).Pid);
        Assert.Equal(Environment.ProcessId, rep["r1"]);
        Assert.Equal(-CPrelude.EACCES, rep["r2"]);
        Assert.Equal(child, rep["r3"]);
        var exec = Assert.Single(run.Calls, c => c.Number == Sysgate.Native.Sysno.X86_64.execve && c.Path == "/bin/cat");
        Assert.Equal((grandchild, grandchild), ((long)exec.Pid, (long)exec.Tid));
        Assert.Equal(grandchild, Assert.Single(run.Opens(file.Path)).Pid);
    }

    private const string Orphan = """
        int main(void) {
            wait_started();
            int gate[2];                     /* the root holds the write end: EOF = the root is gone */
            if (pipe(gate)) die("pipe");
            pid_t m = fork();
            if (m < 0) die("fork");
            if (m == 0) {
                pid_t o = fork();
                if (o < 0) die("fork");
                if (o == 0) {
                    close(gate[1]);
                    char b;
                    while (read(gate[0], &b, 1) > 0) {}
                    /* the middle and the root have exited: reparented to init or a subreaper */
                    say("orphan", getpid());
                    say("r31", marker(31));
                    _exit(0);
                }
                say("orphanpid", o);
                _exit(0);                    /* the middle exits at once */
            }
            close(gate[0]);
            if (waitpid(m, NULL, 0) != m) die("waitpid");
            say("r30", marker(30));
            return 0;
        }
        """;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void Orphan_of_a_double_fork_stays_trapped_after_the_root_exits(Backend backend)
    {
        var exe = CPrelude.Build("orphan", Orphan);
        var run = CoverageRun.Run(backend, CoverageRun.MarkerOnly, c => c.IsMarker ? Answer.Fail(CPrelude.EACCES) : Answer.Continue, exe);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();
        Assert.True(rep.ContainsKey("r31"), "the orphan did not report (it ran after the run was collected?)\n" + run.Describe());
        Assert.Equal(rep["orphanpid"], rep["orphan"]);
        Assert.Equal(rep["orphan"], Assert.Single(run.Markers, m => m.Tag == 31).Pid);
        Assert.Single(run.Markers, m => m.Tag == 30);
        Assert.Equal(-CPrelude.EACCES, rep["r30"]);
        Assert.Equal(-CPrelude.EACCES, rep["r31"]);
    }

    private const string ManyProcesses = """
        #define P 12
        static void *worker(void *arg) {
            long tag = (long)arg;
            long r = marker(tag);
            char k[32];
            snprintf(k, sizeof k, "tid%ld", tag);
            say(k, rgettid());
            return (void *)r;
        }
        int main(void) {
            wait_started();
            int go[2];                       /* closed by the root once all children exist: they start together */
            if (pipe(go)) die("pipe");
            for (int i = 0; i < P; i++) {
                pid_t c = fork();
                if (c < 0) die("fork");
                if (c == 0) {
                    close(go[1]);
                    char b;
                    while (read(go[0], &b, 1) > 0) {}
                    sayi("pid", 1000 + i * 10, getpid());
                    pthread_t t[2];
                    for (long k = 0; k < 2; k++)
                        if (pthread_create(&t[k], NULL, worker, (void *)(1000L + i * 10 + k + 1))) die("pthread_create");
                    int ok = marker(1000 + i * 10) == -EACCES;
                    for (int k = 0; k < 2; k++) { void *r; pthread_join(t[k], &r); ok &= (long)r == -EACCES; }
                    _exit(ok ? 0 : 1);
                }
            }
            close(go[1]);
            int bad = 0, st;
            for (int i = 0; i < P; i++) { if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) bad++; }
            return bad;
        }
        """;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void Twelve_processes_with_threads_trapping_at_once_are_all_seen(Backend backend)
    {
        var exe = CPrelude.Build("manyprocs", ManyProcesses);
        var run = CoverageRun.Run(backend, CoverageRun.MarkerOnly, c => c.IsMarker ? Answer.Fail(CPrelude.EACCES) : Answer.Continue, exe);
        Assert.True(run.Status.ExitCode == 0, run.Describe()); // every child saw EACCES on all three markers
        var rep = run.Reported();
        var markers = run.Markers.ToList();
        Assert.Equal(36, markers.Count);
        for (int i = 0; i < 12; i++)
        {
            long pid = rep[$"pid{1000 + i * 10}"];
            var main = Assert.Single(markers, m => m.Tag == 1000 + i * 10);
            Assert.Equal((pid, pid), ((long)main.Pid, (long)main.Tid));
            for (int k = 1; k <= 2; k++)
            {
                var t = Assert.Single(markers, m => m.Tag == 1000 + i * 10 + k);
                Assert.Equal((pid, rep[$"tid{1000 + i * 10 + k}"]), ((long)t.Pid, (long)t.Tid));
            }
        }
    }
}
