using Sysgate.Interception.Ptrace;
using Sysgate.Native;
using Sysgate.Native.Interop;

namespace Sysgate.Tests.Interception.Ptrace;

public class PinnedRootReleaseTests
{
    private static readonly int[] Everything = Enumerable.Range(0, 512).ToArray();

    private static (int Clone, int SchedGetaffinity, int Openat, int Write) Numbers() => HostArch.Current == Arch.X86_64
        ? (Sysno.X86_64.clone, Sysno.X86_64.sched_getaffinity, Sysno.X86_64.openat, Sysno.X86_64.write)
        : (Sysno.Aarch64.clone, Sysno.Aarch64.sched_getaffinity, Sysno.Aarch64.openat, Sysno.Aarch64.write);

    [Fact]
    public void Defers_only_when_every_watched_call_stops()
    {
        var n = Numbers();
        Assert.NotNull(PinnedRootRelease.For(HostArch.Current, Everything));
        // -e trace=openat,write: a clone or sched_getaffinity would run unseen, so the mask goes back at exec.
        Assert.Null(PinnedRootRelease.For(HostArch.Current, [n.Openat, n.Write]));
        Assert.Null(PinnedRootRelease.For(HostArch.Current, Everything.Where(nr => nr != n.Clone)));
        Assert.Null(PinnedRootRelease.For(HostArch.Current, Everything.Where(nr => nr != n.Openat)));
    }

    [Fact]
    public void Calls_that_read_or_pass_on_the_mask_restore_it_first()
    {
        var n = Numbers();
        var release = PinnedRootRelease.For(HostArch.Current, Everything)!;
        Assert.True(release.RestoreBefore(n.SchedGetaffinity, stepped: true));
        Assert.True(release.RestoreBefore(n.Clone, stepped: true));
        Assert.False(release.RestoreBefore(n.Write, stepped: true));
        // An open is checked at its exit stop; one that will not stop there cannot be checked: restore first.
        Assert.False(release.RestoreBefore(n.Openat, stepped: true));
        Assert.True(release.RestoreBefore(n.Openat, stepped: false));
        Assert.False(release.RestoreBefore(-1, stepped: false));
        Assert.False(release.RestoreBefore(100_000, stepped: false));
    }

    [Fact]
    public void An_open_that_gives_an_fd_on_procfs_restores_the_mask_however_the_path_was_spelled()
    {
        var n = Numbers();
        var release = PinnedRootRelease.For(HostArch.Current, Everything)!;
        int tid = Sys.Gettid();
        string dir = Directory.CreateTempSubdirectory("sysgate-pin-").FullName;
        try
        {
            // A symlink elsewhere that leads into /proc: the file system of the opened file decides, not the path.
            string link = Path.Combine(dir, "status");
            File.CreateSymbolicLink(link, "/proc/self/status");
            using (var proc = File.OpenHandle(link))
                Assert.True(release.RestoreAfter(tid, n.Openat, proc.DangerousGetHandle().ToInt64()));
            using (var plain = File.OpenHandle("/etc/hostname"))
            {
                Assert.False(release.RestoreAfter(tid, n.Openat, plain.DangerousGetHandle().ToInt64()));
                Assert.False(release.RestoreAfter(tid, n.Write, plain.DangerousGetHandle().ToInt64())); // not an open
            }
            Assert.False(release.RestoreAfter(tid, n.Openat, -2)); // ENOENT: no fd
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Theory]
    [InlineData("/proc/self/status", true)]
    [InlineData("/proc/self/stat", true)]
    [InlineData("/proc/thread-self/status", true)]
    [InlineData("/proc/self/sched", true)]
    [InlineData("/proc/filesystems", false)] // find(1) reads it first thing
    [InlineData("/proc/self/maps", false)]
    [InlineData("/proc/self/mountinfo", false)]
    [InlineData("/proc/self", false)]        // a directory: what is opened through it is checked in turn
    public void Procfs_files_that_show_no_cpus_keep_the_program_pinned(string path, bool restores)
    {
        var n = Numbers();
        var release = PinnedRootRelease.For(HostArch.Current, Everything)!;
        int fd = OpenRaw(path); // directories too, which File.OpenHandle refuses
        try
        {
            Assert.Equal(restores, release.RestoreAfter(Sys.Gettid(), n.Openat, fd));
        }
        finally { Libc.Close(fd); }
    }

    private static unsafe int OpenRaw(string path)
    {
        byte[] bytes = [.. System.Text.Encoding.UTF8.GetBytes(path), 0];
        fixed (byte* p = bytes)
        {
            int fd = Libc.Open(p, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0);
            Assert.True(fd >= 0, $"open {path}: errno {Errno.Last}");
            return fd;
        }
    }

    [Theory]
    [InlineData("/mnt/proc/self/status")] // a procfs mounted elsewhere: nothing is assumed about it
    [InlineData("status")]
    [InlineData("")]                      // the link could not be read
    public void Paths_outside_proc_are_taken_to_show_cpus(string target)
    {
        Assert.True(PinnedRootRelease.MayShowCpus(System.Text.Encoding.UTF8.GetBytes(target), cut: false));
        Assert.True(PinnedRootRelease.MayShowCpus("/proc/filesystems"u8, cut: true)); // cut short: not known
    }

    [Fact]
    public void A_root_that_stops_rarely_is_released_after_a_window_one_that_stops_often_is_kept()
    {
        var release = PinnedRootRelease.For(HostArch.Current, Everything)!;
        release.Start();
        // Busy with the tracer: stops well above the rate keep it, window after window.
        for (int window = 0; window < 2; window++)
        {
            for (int i = 0; i < 2 * PinnedRootRelease.MinStopsPerWindow; i++) Assert.False(release.Expired());
            Thread.Sleep(PinnedRootRelease.Window + TimeSpan.FromMilliseconds(20));
            Assert.False(release.Expired());
        }
        // Then a window with a single stop (it computes): released at the stop after the window.
        Thread.Sleep(PinnedRootRelease.Window + TimeSpan.FromMilliseconds(20));
        Assert.True(release.Expired());
    }
}
