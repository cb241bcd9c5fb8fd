using System.Diagnostics;
using System.Runtime.InteropServices;
using Sysgate.Native;
using Sysgate.Native.Interop;
using Sysgate.Native.Seccomp;
using Sysgate.Spawn;

namespace Sysgate.Interception.Notify;

/// <summary>
/// Installs a seccomp filter with a user-notification listener on the ONE thread that then spawns the tracee
/// (no TSYNC: the rest of this process stays unfiltered), and publishes the listener fd to the supervisor.
/// </summary>
/// <remarks>
/// <para>Contract with the spawner: <see cref="Apply"/> runs on a dedicated thread right before posix_spawn;
/// the child inherits the thread's filter and no_new_privs, and so does everything it forks/clones/execs.</para>
/// <para>After the seccomp call returns, every trapped call of that thread needs the supervisor, so
/// <see cref="Apply"/> then does nothing but a <see cref="Volatile.Write(ref int, int)"/>. The program lives in
/// native memory prepared by the constructor.</para>
/// <para>If <see cref="Apply"/> throws, the filter is NOT installed and the spawner must not spawn.</para>
/// </remarks>
public sealed unsafe class SeccompThreadSetup : ISpawnThreadSetup, IDisposable
{
    /// <summary><see cref="ListenerState"/> value before <see cref="Apply"/> has started.</summary>
    public const int Pending = int.MinValue;
    /// <summary><see cref="ListenerState"/> value while <see cref="Apply"/> runs.</summary>
    public const int Applying = int.MinValue + 1;
    /// <summary><see cref="ListenerState"/> value once the supervisor gave up before <see cref="Apply"/> started:
    /// Apply then refuses, so no tracee can start with a filter nobody answers.</summary>
    public const int Cancelled = int.MinValue + 2;

    private SockFilter* _filter;
    private SockFprog* _prog;
    private int _state = Pending;
    private int _spawnThreadId;

    /// <summary>Copies <paramref name="program"/> (from <c>SeccompProgramBuilder</c>) to native memory.</summary>
    public SeccompThreadSetup(ReadOnlySpan<SockFilter> program)
    {
        if (program.Length is 0 or > BpfOp.MaxInstructions)
            throw new ArgumentException($"A seccomp program has 1..{BpfOp.MaxInstructions} instructions, got {program.Length}.", nameof(program));
        _filter = (SockFilter*)NativeMemory.Alloc((nuint)program.Length, (nuint)sizeof(SockFilter));
        program.CopyTo(new Span<SockFilter>(_filter, program.Length));
        _prog = (SockFprog*)NativeMemory.AllocZeroed((nuint)sizeof(SockFprog));
        _prog->Length = (ushort)program.Length;
        _prog->Filter = _filter;
    }

    /// <summary>
    /// The listener fd once installed (≥ 0), <see cref="Pending"/>/<see cref="Applying"/> before,
    /// <see cref="Cancelled"/>, or -errno if installing failed.
    /// </summary>
    public int ListenerState => Volatile.Read(ref _state);

    /// <summary>The thread id of the thread that ran <see cref="Apply"/> (0 before). Its own trapped calls are continued.</summary>
    public int SpawnThreadId => Volatile.Read(ref _spawnThreadId);

    /// <summary>True if the kernel accepted SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (5.19+).</summary>
    public bool WaitKillable { get; private set; }

    /// <summary>
    /// Runs on the spawning thread: no_new_privs, then the filter with a new listener (wait-killable if the
    /// kernel has it), then publishes the fd. Throws (nothing installed) on failure. One use only.
    /// </summary>
    public void Apply()
    {
        if (_prog == null)
            throw new ObjectDisposedException(nameof(SeccompThreadSetup));
        int previous = Interlocked.CompareExchange(ref _state, Applying, Pending);
        if (previous == Cancelled)
            throw new InvalidOperationException("The notify supervisor for this SeccompThreadSetup has stopped; not spawning under a filter nobody answers.");
        if (previous != Pending)
            throw new InvalidOperationException("This SeccompThreadSetup was already applied; create one per spawn.");
        Volatile.Write(ref _spawnThreadId, Sys.Gettid());
        if (Libc.Prctl(SeccompConstants.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
            Fail("prctl(PR_SET_NO_NEW_PRIVS)");

        uint flags = SeccompConstants.FILTER_FLAG_NEW_LISTENER | SeccompConstants.FILTER_FLAG_WAIT_KILLABLE_RECV;
        int fd = Sys.Seccomp(SeccompConstants.SET_MODE_FILTER, flags, _prog);
        if (fd < 0 && Errno.Last == Errno.EINVAL)
        {
            flags = SeccompConstants.FILTER_FLAG_NEW_LISTENER;
            fd = Sys.Seccomp(SeccompConstants.SET_MODE_FILTER, flags, _prog);
        }
        if (fd < 0)
            Fail("seccomp(SECCOMP_SET_MODE_FILTER, NEW_LISTENER)");
        // The filter is live on this thread: from here on, nothing but a plain store.
        WaitKillable = (flags & SeccompConstants.FILTER_FLAG_WAIT_KILLABLE_RECV) != 0;
        Volatile.Write(ref _state, fd);
    }

    /// <summary>
    /// Waits (spinning, then sleeping briefly; the caller is not filtered) until <see cref="Apply"/> has published
    /// a result, or until <paramref name="cancel"/> returns true while Apply has not started, which makes this
    /// setup <see cref="Cancelled"/>. An Apply already running is always waited for (its filter needs an answer).
    /// Returns <see cref="ListenerState"/>.
    /// </summary>
    public int WaitForListener(Func<bool> cancel)
    {
        // The spawn thread cannot wake us (after the install any futex call of its own could trap into the very
        // listener we are waiting for), so this polls. Apply takes ~0.1 ms; SpinWait's default Sleep(1) would
        // oversleep that by a whole millisecond on every start, so only yield for the first YieldFor.
        var spin = new SpinWait();
        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            int state = ListenerState;
            if (state != Pending && state != Applying)
                return state;
            if (state == Pending && cancel() && Interlocked.CompareExchange(ref _state, Cancelled, Pending) == Pending)
                return Cancelled;
            if (Stopwatch.GetElapsedTime(start) < YieldFor)
                spin.SpinOnce(sleep1Threshold: -1);
            else
                Thread.Sleep(1);
        }
    }

    private static readonly TimeSpan YieldFor = TimeSpan.FromMilliseconds(50);

    /// <summary>Frees the native copy of the program (the installed filter is the kernel's own copy).</summary>
    public void Dispose()
    {
        if (_prog == null)
            return;
        NativeMemory.Free(_filter);
        NativeMemory.Free(_prog);
        _filter = null;
        _prog = null;
    }

    private void Fail(string what)
    {
        int errno = Errno.Last;
        Volatile.Write(ref _state, -errno);
        throw new ErrnoException(what + " on the spawning thread; the tracee must not be started unfiltered", errno);
    }
}
