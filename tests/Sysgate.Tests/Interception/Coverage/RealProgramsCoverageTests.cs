namespace Sysgate.Tests.Interception.Coverage;

/// <summary>Stock programs (sh, cat, python3 with threads) under both backends.</summary>
public class RealProgramsCoverageTests
{
    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void Shell_pipeline_cat_and_python_are_trapped_and_see_the_injected_error(Backend backend)
    {
        using var seen = new CPrelude.MarkerFile("seen-by-cat\n");
        using var denied = new CPrelude.MarkerFile("never-read\n");
        string script = $"/bin/cat {seen.Path} | /bin/cat; /usr/bin/python3 -c 'open(\"{denied.Path}\")'; echo py=$?";
        var run = CoverageRun.Run(backend, CoverageRun.MarkersAndFiles,
            c => c.Number == Sysgate.Native.Sysno.X86_64.openat && c.Path == denied.Path ? Answer.Fail(CPrelude.EACCES) : Answer.Continue,
            "/bin/sh", "-c", script);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        Assert.Contains("seen-by-cat", run.Stdout);
        Assert.Contains("py=1", run.Stdout);
        Assert.Contains("PermissionError", run.Stderr);
        var execs = run.Calls.Where(c => c.Number == Sysgate.Native.Sysno.X86_64.execve).ToList();
        Assert.Contains(execs, c => c.Path == "/bin/sh");
        Assert.Equal(2, execs.Count(c => c.Path == "/bin/cat"));
        Assert.Contains(execs, c => c.Path == "/usr/bin/python3");
        // cat and python ran in forked children of the shell, each open attributed to the process that exec'd
        var catOpen = Assert.Single(run.Opens(seen.Path));
        Assert.Contains(execs, c => c.Path == "/bin/cat" && c.Pid == catOpen.Pid);
        var pyOpen = Assert.Single(run.Opens(denied.Path));
        Assert.Contains(execs, c => c.Path == "/usr/bin/python3" && c.Pid == pyOpen.Pid);
        Assert.NotEqual(catOpen.Pid, pyOpen.Pid);
    }

    [Theory]
    [InlineData(Backend.Notify)]
    [InlineData(Backend.Ptrace)]
    public void Python_threads_each_make_a_trapped_marker_call(Backend backend)
    {
        // libc syscall() through ctypes: getppid(MAGIC, tag) from 6 concurrent Python threads and the main one.
        const string code = """
            import ctypes, os, sys, threading
            sys.stdin.read()  # EOF once the backend's start has returned
            libc = ctypes.CDLL(None, use_errno=True)
            libc.syscall.restype = ctypes.c_long
            barrier = threading.Barrier(6)
            out = {}
            def mark(tag):
                r = libc.syscall(ctypes.c_long(110), ctypes.c_long(0x5EC0DE), ctypes.c_long(tag))
                out[tag] = (threading.get_native_id(), r, ctypes.get_errno())
            def worker(tag):
                barrier.wait()
                mark(tag)
            ts = [threading.Thread(target=worker, args=(500 + i,)) for i in range(6)]
            [t.start() for t in ts]
            [t.join() for t in ts]
            mark(499)
            for tag, (tid, r, err) in sorted(out.items()):
                print(f"tid{tag} {tid}")
                print(f"err{tag} {err if r == -1 else 0}")
            print(f"pid {os.getpid()}")
            """;
        var run = CoverageRun.Run(backend, CoverageRun.MarkerOnly, c => c.IsMarker ? Answer.Fail(CPrelude.EACCES) : Answer.Continue,
            "/usr/bin/python3", "-c", code);
        Assert.True(run.Status.ExitCode == 0, run.Describe());
        var rep = run.Reported();
        var markers = run.Markers.ToList();
        Assert.Equal(7, markers.Count);
        foreach (var m in markers)
        {
            Assert.Equal(rep["pid"], m.Pid);
            Assert.Equal(rep[$"tid{m.Tag}"], m.Tid);
            Assert.Equal(CPrelude.EACCES, rep[$"err{m.Tag}"]);
        }
        Assert.Equal(7, markers.Select(m => m.Tid).Distinct().Count());
    }
}
