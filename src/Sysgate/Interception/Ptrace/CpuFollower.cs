using Sysgate.Interception.Notify;
using Sysgate.Native.Interop;
using Sysgate.Threading;

namespace Sysgate.Interception.Ptrace;

/// <summary>
/// Keeps the tracer thread on the CPU its tracee runs on, so each ptrace stop is a wake-up on the same CPU
/// (a few microseconds) instead of an inter-processor wake-up of an idle vCPU (tens of microseconds, plus
/// the tracer spinning in wait_task_inactive until the tracee is off the other CPU).
/// </summary>
/// <remarks>
/// <para>strace gets this for free: a single-threaded tracer and its tracee settle on one CPU. Our tracer is one
/// thread of several, and execve's balancing moves the new image to the idlest CPU, i.e. away from the tracer
/// that just answered its exec notification. Measured on the 2-vCPU VM: tracing <c>/bin/true</c> (60 stops)
/// took 1.0 ms with both on one CPU and 3.0 ms split, in about half the runs.</para>
/// <para>Only the tracer thread's own affinity changes (restricted to the tracee's CPU, within the CPUs the
/// process was allowed: <see cref="CpuAffinity"/>); the tracee's is never narrowed. The tracee may still move
/// (a wake-up while the tracer still runs on its CPU can land it on an idle one): the tracer checks again after
/// 1, 2, 4... stops following each exec, then every <see cref="CheckEvery"/> stops. With more than one tracee
/// (threads, children that may run in parallel) the tracer is let loose again: pinned to one tracee's CPU it
/// would compete with that tracee for it while the others wait.</para>
/// </remarks>
internal sealed class CpuFollower
{
    /// <summary>The most stops that pass between two checks of the tracee's CPU (a /proc read, ~10 µs).</summary>
    public const int CheckEvery = 128;

    private readonly ulong[] _allowed;
    private readonly bool _enabled;
    private int _stops, _interval = CheckEvery;
    private bool _narrowed;  // pinned to the tracee's CPU by Move
    private bool _atAllowed; // the thread's mask is _allowed

    /// <summary>Notes the CPUs the tracer may use: the process's original mask when the CLI pinned its threads,
    /// else the calling (tracer) thread's own. Following is off when only one CPU is allowed.</summary>
    public CpuFollower()
    {
        _allowed = CpuAffinity.Pinned ? CpuAffinity.Original.ToArray() : CpuAffinity.Current();
        _enabled = CpuAffinity.Count(_allowed) > 1;
        _atAllowed = !CpuAffinity.Pinned;
    }

    /// <summary>Counts a stop of <paramref name="tid"/> (one of <paramref name="tracees"/>); re-checks its CPU
    /// when the interval is up, doubling the interval up to <see cref="CheckEvery"/>.</summary>
    public void OnStop(int tid, int tracees)
    {
        if (++_stops >= _interval)
        {
            _stops = 0;
            _interval = Math.Min(_interval * 2, CheckEvery);
            Move(tid, tracees);
        }
    }

    /// <summary>At an exec (the kernel balances a new image onto the idlest CPU): follows <paramref name="tid"/>
    /// now and checks again soon (after 1, 2, 4... stops). <paramref name="execedPinned"/>: the image was
    /// loaded while the tracee was pinned to our CPU (the CLI's root program, whose mask is restored at this
    /// stop or later: PinnedRootRelease), so the balancing could not move it and there is nothing to look up.</summary>
    public void OnExec(int tid, int tracees, bool execedPinned)
    {
        _stops = 0;
        if (execedPinned)
        {
            _interval = CheckEvery; // each check is a /proc read (~15 us): a short program should pay none
            return;
        }
        _interval = 1;
        Move(tid, tracees);
    }

    /// <summary>The tracee that was kept on our CPU has its own mask again: from its next stop on, check where it
    /// runs after 1, 2, 4... stops (it is still stopped here, on our CPU).</summary>
    public void OnMaskRestored()
    {
        _stops = 0;
        _interval = 1;
    }

    /// <summary>Gives the calling thread every CPU in the allowed mask again.</summary>
    public void Release()
    {
        if (!_enabled || _atAllowed)
            return;
        _atAllowed = CpuAffinity.TrySetMask(0, _allowed);
        _narrowed = false;
    }

    // With a single tracee: moves the calling thread to the CPU tid last ran on (if allowed). With more: gives
    // the calling thread back all the allowed CPUs.
    private void Move(int tid, int tracees)
    {
        if (!_enabled)
            return;
        if (tracees > 1)
        {
            Release();
            return;
        }
        int cpu = ProcStatus.ReadProcessor(tid);
        if (!CpuAffinity.Contains(_allowed, cpu) || (cpu == Libc.SchedGetcpu() && _narrowed))
            return;
        if (CpuAffinity.TrySet(0, [cpu]))
        {
            _narrowed = true;
            _atAllowed = false;
        }
    }
}
