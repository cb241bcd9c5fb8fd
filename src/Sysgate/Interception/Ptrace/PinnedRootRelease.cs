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
/// whose tracee also lands on the other CPU, 5.5 ms). Keeping a single-threaded program beside its tracer is
/// what a tracer wants anyway; what must not change is anything the program can see.</para>
/// <para>What the program could see the narrowed mask through, and what happens first:</para>
/// <list type="bullet">
/// <item>asking for it (<c>sched_getaffinity</c>, <c>sched_setaffinity</c>), or passing it on to a new thread or
/// process (<c>clone</c>, <c>clone3</c>, <c>fork</c>, <c>vfork</c>): the mask is restored before the call runs,
/// so children and threads always start with the original mask and never share the tracer's CPU;</item>
/// <item>reading /proc (<c>Cpus_allowed</c> in /proc/self/status): every successful <c>open</c>, <c>openat</c>,
/// <c>openat2</c> and <c>open_by_handle_at</c> is checked at its exit stop, before the program has the fd,
/// and a file on a procfs (by its file system, however it was reached) restores the mask;</item>
/// <item>getting an fd some other way (<c>recvmsg</c>/<c>recvmmsg</c> with SCM_RIGHTS, <c>pidfd_getfd</c>,
/// <c>io_uring_setup</c> for its asynchronous opens, <c>fanotify_init</c>): restored before the call;</item>
/// <item>time: after <see cref="MaxPinned"/>, at its next stop, so a long-running program is not held on one
/// CPU that other work may need.</item>
/// </list>
/// <para>This only holds when all those calls stop, i.e. when they are all in the filter's set of interest
/// (the default, tracing everything). With a narrower set (<c>-e trace=openat</c>) the mask is restored at
/// the exec stop, before the program's first instruction, as it always was.</para>
/// </remarks>
internal sealed class PinnedRootRelease
{
    /// <summary>How long the root may run on the tracer's CPU at most (checked at its stops).</summary>
    public static readonly TimeSpan MaxPinned = TimeSpan.FromMilliseconds(100);

    private readonly bool[] _restoreAtEntry;
    private readonly bool[] _checkAtExit;
    private long _deadline;

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

    /// <summary>The root's exec stop: it stays on the tracer's CPU from now, for at most <see cref="MaxPinned"/>.</summary>
    public void Start() => _deadline = Stopwatch.GetTimestamp() + (long)(MaxPinned.TotalSeconds * Stopwatch.Frequency);

    /// <summary>True when the root has been pinned for <see cref="MaxPinned"/> (a stop of any kind).</summary>
    public bool Expired() => Stopwatch.GetTimestamp() >= _deadline;

    /// <summary>True when call <paramref name="nr"/> must not run before the mask is restored. A call checked at
    /// its exit counts too when it will have no exit stop (<paramref name="stepped"/> false).</summary>
    public bool RestoreBefore(int nr, bool stepped)
        => Is(_restoreAtEntry, nr) || (!stepped && Is(_checkAtExit, nr));

    /// <summary>True when the call <paramref name="nr"/> of <paramref name="tid"/> that returned
    /// <paramref name="result"/> gave it an fd on a procfs (so the mask must be restored before it goes on).</summary>
    public bool RestoreAfter(int tid, int nr, long result)
        => Is(_checkAtExit, nr) && result >= 0 && result <= int.MaxValue && ProcStatus.IsOnProcfs(tid, (int)result);

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
