using Sysgate.Native.Interop;

namespace Sysgate.Threading;

/// <summary>
/// Keeps a short-lived supervisor's own threads on one CPU, and remembers the CPUs the process was allowed at
/// start so that tracees and a following tracer thread get them back.
/// </summary>
/// <remarks>
/// <para>Why: on a VM, waking a thread on an idle vCPU costs far more than on bare metal (the vCPU is halted;
/// measured here: 0.1 to 1 ms, against a few microseconds on the same CPU). A trace session hands work between
/// the main, tracer and spawn threads and the tracee a few hundred times during start-up; every hand-off
/// that lands on the other CPU pays that. <c>strace -f /bin/true</c> under <c>taskset -c 0</c> runs in 60% of its
/// unpinned time on the 2-vCPU test machine; <c>sysgate trace</c> in 75%.</para>
/// <para><see cref="PinProcessToCurrentCpu"/> pins the calling thread (and so every thread it creates later)
/// to the CPU it runs on. The tracee inherits that mask through posix_spawn, and the ptrace tracer gives it
/// <see cref="Original"/> back before the program could tell the difference: at its exec stop, or, when every
/// call that could reveal the mask stops in the tracer, just before the first such call (sched_getaffinity,
/// clone, an open on /proc...; see Interception/Ptrace/PinnedRootRelease), so that a program that never asks
/// keeps taking its turns with the tracer on one CPU. Only the CLI calls this; a library user's threads are
/// left alone.</para>
/// </remarks>
public static unsafe class CpuAffinity
{
    private const int Words = 16; // cpu_set_t: 1024 CPUs
    private static ulong[]? s_original;

    /// <summary>The mask the process had before <see cref="PinProcessToCurrentCpu"/>, or null if it was not called.</summary>
    internal static ReadOnlySpan<ulong> Original => s_original;

    /// <summary>True once <see cref="PinProcessToCurrentCpu"/> has pinned the process's threads.</summary>
    public static bool Pinned => s_original is not null;

    /// <summary>
    /// Pins the calling thread to the CPU it runs on, remembering its previous mask as <see cref="Original"/>.
    /// Call it before creating the threads that should share that CPU (they inherit the mask; threads that
    /// already exist, such as the runtime's, keep theirs). Returns false (and changes nothing) when only one
    /// CPU is allowed anyway or the kernel refuses.
    /// </summary>
    public static bool PinProcessToCurrentCpu()
    {
        var original = new ulong[Words];
        fixed (ulong* mask = original)
        {
            if (Libc.SchedGetaffinity(0, Words * sizeof(ulong), mask) < 0)
                return false;
        }
        int cpu = Libc.SchedGetcpu();
        if (Count(original) < 2 || cpu < 0 || !Contains(original, cpu))
            return false;
        if (!TrySet(0, [cpu]))
            return false;
        s_original = original;
        return true;
    }

    /// <summary>Gives thread <paramref name="tid"/> (0: the calling thread) the <see cref="Original"/> mask.</summary>
    internal static void Restore(int tid)
    {
        if (s_original is { } original)
            TrySetMask(tid, original);
    }

    /// <summary>The CPUs the calling thread may run on now.</summary>
    internal static ulong[] Current()
    {
        var mask = new ulong[Words];
        fixed (ulong* p = mask)
            Libc.SchedGetaffinity(0, Words * sizeof(ulong), p);
        return mask;
    }

    /// <summary>Restricts thread <paramref name="tid"/> (0: the calling thread) to <paramref name="cpus"/>.</summary>
    internal static bool TrySet(int tid, ReadOnlySpan<int> cpus)
    {
        Span<ulong> mask = stackalloc ulong[Words];
        foreach (int cpu in cpus)
            mask[cpu / 64] |= 1UL << (cpu % 64);
        return TrySetMask(tid, mask);
    }

    /// <summary>Sets thread <paramref name="tid"/>'s mask (0: the calling thread).</summary>
    internal static bool TrySetMask(int tid, ReadOnlySpan<ulong> mask)
    {
        fixed (ulong* p = mask)
            return Libc.SchedSetaffinity(tid, (nuint)(mask.Length * sizeof(ulong)), p) == 0;
    }

    /// <summary>True when <paramref name="cpu"/> is in <paramref name="mask"/>.</summary>
    internal static bool Contains(ReadOnlySpan<ulong> mask, int cpu)
        => cpu >= 0 && cpu / 64 < mask.Length && (mask[cpu / 64] & (1UL << (cpu % 64))) != 0;

    /// <summary>How many CPUs <paramref name="mask"/> holds.</summary>
    internal static int Count(ReadOnlySpan<ulong> mask)
    {
        int n = 0;
        foreach (ulong word in mask) n += System.Numerics.BitOperations.PopCount(word);
        return n;
    }
}
