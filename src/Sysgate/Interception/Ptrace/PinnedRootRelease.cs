using System.Diagnostics;
using Sysgate.Interception.Notify;
using Sysgate.Native;

namespace Sysgate.Interception.Ptrace;

/// <summary>
/// Decides when the CLI's root program, spawned with the CPU mask the CLI pinned its own threads to (see
/// <see cref="Threading.CpuAffinity"/>), gets its original mask back: at its exec stop, or, when every call
/// that could tell the difference stops in the tracer, just before the first such call.
/// </summary>
/// <remarks>
/// <para>Why: a ptraced program and its tracer take turns, one stop at a time. On the same CPU each stop is a
/// direct switch; once the program has its full mask, every wake-up lands it on the idle CPU and each stop
/// becomes an inter-processor wake-up of a halted vCPU (measured on the 2-vCPU VM: <c>sysgate trace -f -o
/// /dev/null -- /bin/true</c> takes 5.3 ms kept on the tracer's CPU and 5.7 ms restored at exec; strace,
/// whose tracee also lands on the other CPU, 5.5 ms; <c>find /usr/lib -name '*.so'</c> traced takes half of
/// strace's time). Keeping a single-threaded program beside its tracer is what a tracer wants anyway; what must
/// not change is anything the program can see.</para>
/// <para>What the program could see the narrowed mask through, and what happens first:</para>
/// <list type="bullet">
/// <item>asking for it (<c>sched_getaffinity</c>, <c>sched_setaffinity</c>), or passing it on to a new thread or
/// process (<c>clone</c>, <c>clone3</c>, <c>fork</c>, <c>vfork</c>): the mask is restored before the call runs,
/// so children and threads always start with the original mask and never share the tracer's CPU;</item>
/// <item>reading /proc (<c>Cpus_allowed</c> in /proc/self/status): every successful <c>open</c>, <c>openat</c>,
/// <c>openat2</c> and <c>open_by_handle_at</c> is checked at its exit stop, before the program has the fd. A file
/// on a procfs (by its file system, however it was reached) restores the mask unless it is one that shows no
/// task's CPUs: anything but a <c>status</c>, <c>stat</c>, <c>sched</c> or <c>schedstat</c> file under /proc
/// (<c>/proc/filesystems</c>, <c>/proc/self/maps</c>, a /proc/PID directory, whose files are opened, and
/// checked, in turn). A procfs mounted elsewhere, or a link that cannot be read, restores it;</item>
/// <item>getting an fd some other way (<c>recvmsg</c>/<c>recvmmsg</c> with SCM_RIGHTS, <c>pidfd_getfd</c>,
/// <c>io_uring_setup</c> for its asynchronous opens, <c>fanotify_init</c>): restored before the call;</item>
/// <item>time: a program that computes more than it calls the kernel is not held on one CPU that other work
/// may need. At its first stop a <see cref="Window"/> or more after the last check, the program stays only if
/// it stopped at least <see cref="MinStopsPerWindow"/> times a window on average since then, i.e. if it spends
/// its time taking turns with the tracer, where one CPU serves it best.</item>
/// </list>
/// <para>This only holds when all those calls stop, i.e. when they are all in the filter's set of interest
/// (the default, tracing everything). With a narrower set (<c>-e trace=openat</c>) the mask is restored at
/// the exec stop, before the program's first instruction, as it always was.</para>
/// </remarks>
internal sealed class PinnedRootRelease
{
    /// <summary>How often the root's stop rate is looked at (at its first stop after each window).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    /// <summary>The stops per <see cref="Window"/> (one a millisecond) that keep the root on the tracer's CPU.</summary>
    public const int MinStopsPerWindow = 100;

    private static readonly long WindowTicks = (long)(Window.TotalSeconds * Stopwatch.Frequency);

    private readonly bool[] _restoreAtEntry;
    private readonly bool[] _checkAtExit;
    private long _windowStart, _deadline;
    private long _stops;

    private PinnedRootRelease(bool[] restoreAtEntry, bool[] checkAtExit)
    {
        _restoreAtEntry = restoreAtEntry;
        _checkAtExit = checkAtExit;
    }

    /// <summary>
    /// The release for a session whose filter stops <paramref name="interest"/> on <paramref name="arch"/>, or
    /// null when one of the calls it watches would not stop (the mask is then restored at the exec stop).
    /// </summary>
    public static PinnedRootRelease? For(Arch arch, IEnumerable<int> interest)
    {
        ArgumentNullException.ThrowIfNull(interest);
        var (entry, exit) = Watched(arch);
        int size = Math.Max(entry.Max(), exit.Max()) + 1;
        Span<bool> stops = stackalloc bool[size]; // on every start: no set to build
        foreach (int nr in interest)
            if ((uint)nr < (uint)size) stops[nr] = true;
        foreach (int nr in entry)
            if (!stops[nr]) return null;
        foreach (int nr in exit)
            if (!stops[nr]) return null;
        return new PinnedRootRelease(Table(entry), Table(exit));
    }

    /// <summary>The root's exec stop: it stays on the tracer's CPU from now, for a first <see cref="Window"/>.</summary>
    public void Start()
    {
        _stops = 0;
        _windowStart = Stopwatch.GetTimestamp();
        _deadline = _windowStart + WindowTicks;
    }

    /// <summary>Counts a stop of the root (of any kind); at the first stop a window or more after the last
    /// check, true when it stopped fewer than <see cref="MinStopsPerWindow"/> times a window on average since
    /// then (it should get its mask back).</summary>
    public bool Expired()
    {
        _stops++;
        long now = Stopwatch.GetTimestamp();
        if (now < _deadline) return false;
        if (_stops * WindowTicks < MinStopsPerWindow * (now - _windowStart)) return true;
        _stops = 0;
        _windowStart = now;
        _deadline = now + WindowTicks;
        return false;
    }

    /// <summary>True when call <paramref name="nr"/> must not run before the mask is restored. A call checked at
    /// its exit counts too when it will have no exit stop (<paramref name="stepped"/> false).</summary>
    public bool RestoreBefore(int nr, bool stepped)
        => Is(_restoreAtEntry, nr) || (!stepped && Is(_checkAtExit, nr));

    /// <summary>True when the call <paramref name="nr"/> of <paramref name="tid"/> that returned
    /// <paramref name="result"/> gave it an fd on a procfs file that may show its CPUs (so the mask must be
    /// restored before it goes on).</summary>
    public bool RestoreAfter(int tid, int nr, long result)
    {
        if (!Is(_checkAtExit, nr) || result < 0 || result > int.MaxValue)
            return false;
        Span<byte> target = stackalloc byte[256];
        int n = ProcStatus.ProcfsTarget(tid, (int)result, target);
        return n >= 0 && MayShowCpus(target[..n], cut: n == target.Length);
    }

    /// <summary>False only for a path under /proc whose last component is not one of the files that show a
    /// task's allowed or current CPUs.</summary>
    internal static bool MayShowCpus(ReadOnlySpan<byte> target, bool cut)
    {
        if (cut || !target.StartsWith("/proc/"u8))
            return true;
        var name = target[(target.LastIndexOf((byte)'/') + 1)..];
        return name.SequenceEqual("status"u8) || name.SequenceEqual("stat"u8) || name.SequenceEqual("sched"u8)
            || name.SequenceEqual("schedstat"u8);
    }

    private static bool Is(bool[] table, int nr) => (uint)nr < (uint)table.Length && table[nr];

    private static bool[] Table(int[] numbers)
    {
        var table = new bool[numbers.Max() + 1];
        foreach (int nr in numbers) table[nr] = true;
        return table;
    }

    // (restored before the call, checked at the call's exit)
    private static (int[] Entry, int[] Exit) Watched(Arch arch) => arch switch
    {
        Arch.X86_64 => (
            [
                Sysno.X86_64.sched_getaffinity, Sysno.X86_64.sched_setaffinity, Sysno.X86_64.clone,
                Sysno.X86_64.clone3, Sysno.X86_64.fork, Sysno.X86_64.vfork, Sysno.X86_64.recvmsg,
                Sysno.X86_64.recvmmsg, Sysno.X86_64.pidfd_getfd, Sysno.X86_64.io_uring_setup,
                Sysno.X86_64.fanotify_init,
            ],
            [Sysno.X86_64.open, Sysno.X86_64.openat, Sysno.X86_64.openat2, Sysno.X86_64.open_by_handle_at]),
        Arch.Aarch64 => (
            [
                Sysno.Aarch64.sched_getaffinity, Sysno.Aarch64.sched_setaffinity, Sysno.Aarch64.clone,
                Sysno.Aarch64.clone3, Sysno.Aarch64.recvmsg, Sysno.Aarch64.recvmmsg, Sysno.Aarch64.pidfd_getfd,
                Sysno.Aarch64.io_uring_setup, Sysno.Aarch64.fanotify_init,
            ],
            [Sysno.Aarch64.openat, Sysno.Aarch64.openat2, Sysno.Aarch64.open_by_handle_at]),
        _ => throw new PlatformNotSupportedException(),
    };
}
