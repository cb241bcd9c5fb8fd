namespace Sysgate.Tests.Interception.Coverage;

/// <summary>vfork + exec and posix_spawn (CLONE_VM | CLONE_VFORK): the child's calls before and after exec.</summary>
public class VforkCoverageTests
{
    // argv: A (vfork child cats it), B (opened by a posix_spawn file action; failed by the policy),
    //       C (opened by a posix_spawn file action; allowed), D (that spawn cats it)
    private const string Vforks = """
        extern char **environ;
        int main(int argc, char **argv) {
            wait_started();
            if (argc != 5) return 2;
            pid_t v = vfork();
            if (v < 0) die("vfork");
            if (v == 0) {
                if (marker(10) != -EACCES) _exit(42);     /* before exec, in the parent's memory */
                execl("/bin/cat", "cat", argv[1], (char *)0);
                _exit(127);
            }
            say("vfork", v);
            int st;
            if (waitpid(v, &st, 0) != v) die("waitpid");
            say("vforkexit", WIFEXITED(st) ? WEXITSTATUS(st) : 100);

            posix_spawn_file_actions_t fb, fc;
            posix_spawn_file_actions_init(&fb);
            posix_spawn_file_actions_addopen(&fb, 5, argv[2], O_RDONLY, 0);
            char *cat_b[] = { "cat", argv[2], NULL };
            pid_t p = 0;
            int rc = posix_spawn(&p, "/bin/cat", &fb, NULL, cat_b, environ);
            say("spawnB", rc);                           /* the child's open failed: posix_spawn reports it */
            if (rc == 0) waitpid(p, NULL, 0);

            posix_spawn_file_actions_init(&fc);
            posix_spawn_file_actions_addopen(&fc, 5, argv[3], O_RDONLY, 0);
            char *cat_d[] = { "cat", argv[4], NULL };
            rc = posix_spawn(&p, "/bin/cat", &fc, NULL, cat_d, environ);
            say("spawnC", rc);
            if (rc != 0) return 3;
            say("spawnCpid", p);
            if (waitpid(p, &st, 0) != p) die("waitpid");
            say("spawnCexit", WIFEXITED(st) ? WEXITSTATUS(st) : 100);
            return 0;
        }
        """;

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void Vfork_and_posix_spawn_children_are_trapped_before_and_after_exec(Backend backend)
    {
        var exe = CPrelude.Build("vforks", Vforks);
        using MarkerFile a = new("AAA\n"), b = new("BBB\n"), c = new("CCC\n"), d = new("DDD\n");
        var run = CoverageRun.Run(backend, CoverageRun.MarkersAndFiles, call =>
            (call.IsMarker && call.Tag == 10) || (call.Number == Sysgate.Native.Sysno.X86_64.openat && call.Path == b.Path)
                ? Answer.Fail(CPrelude.EACCES) : Answer.Continue,
            exe, a.Path, b.Path, c.Path, d.Path);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();

        // vfork: the marker before exec failed with EACCES (else exit 42), cat ran and printed A
        long v = rep["vfork"];
        Assert.Equal(0, rep["vforkexit"]);
        Assert.Contains("AAA", run.Stdout);
        Assert.Equal(v, Assert.Single(run.Markers, m => m.Tag == 10).Pid);
        Assert.Equal(v, Assert.Single(run.Calls, x => x.Number == Sysgate.Native.Sysno.X86_64.execve && x.Path == "/bin/cat" && x.Pid == v).Tid);
        Assert.Equal(v, Assert.Single(run.Opens(a.Path)).Pid);

        // posix_spawn whose pre-exec open was failed: posix_spawn returns EACCES and cat B never runs
        Assert.Equal(CPrelude.EACCES, rep["spawnB"]);
        Assert.Single(run.Opens(b.Path));
        Assert.DoesNotContain("BBB", run.Stdout);

        // posix_spawn whose pre-exec open of C was allowed: both the open of C (before exec) and cat's open of D
        long s = rep["spawnCpid"];
        Assert.Equal(0, rep["spawnC"]);
        Assert.Equal(0, rep["spawnCexit"]);
        Assert.Contains("DDD", run.Stdout);
        Assert.Equal(s, Assert.Single(run.Opens(c.Path)).Pid);
        Assert.Equal(s, Assert.Single(run.Opens(d.Path)).Pid);
        Assert.Contains(run.Calls, x => x.Number == Sysgate.Native.Sysno.X86_64.execve && x.Pid == s);
    }

    private sealed class MarkerFile(string content) : IDisposable
    {
        private readonly CPrelude.MarkerFile _file = new(content);
        public string Path => _file.Path;
        public void Dispose() => _file.Dispose();
    }
}
