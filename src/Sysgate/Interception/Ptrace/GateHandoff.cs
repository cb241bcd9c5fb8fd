using Sysgate.Native.Interop;

namespace Sysgate.Interception.Ptrace;

/// <summary>
/// Hands the <see cref="ExemptCallGate"/> from the tracer thread, which serves it from the seize until posix_spawn
/// has returned, to whoever serves it for the rest of the session: the thread in
/// <see cref="PtraceSession.WaitForExit"/> (woken by an eventfd when the tracer ends), or a background thread
/// once <see cref="PtraceSession.Completion"/> is asked for. Exactly one of them gets it.
/// </summary>
/// <remarks>Why the tracer serves first: until posix_spawn returns, the spawn thread and the child before its
/// exec make calls that only the gate answers, and the caller of <see cref="PtraceSession.Start"/> waits for the
/// spawn thread; afterwards only a tracee running code at our libc's addresses reaches the listener.</remarks>
internal sealed class GateHandoff : IDisposable
{
    private readonly object _sync = new();
    // Closed under _sync (and set to -1) once nobody polls them, so a late write never hits a reused number.
    private int _spawnReturnedFd = Libc.Eventfd(0, Libc.EFD_CLOEXEC);
    private int _endedFd = Libc.Eventfd(0, Libc.EFD_CLOEXEC);
    private ExemptCallGate? _gate;
    private bool _offered, _wantThread, _disposed, _serving;
    private volatile bool _spawnReturned;

    /// <summary>True once <see cref="SpawnReturned"/> was called.</summary>
    public bool HasSpawnReturned => _spawnReturned;

    /// <summary>Readable once posix_spawn has returned (-1: no eventfd). Polled by the tracer thread only.</summary>
    public int SpawnReturnedFd => Volatile.Read(ref _spawnReturnedFd);

    /// <summary>posix_spawn has returned (or failed): the tracer stops serving and hands the gate over.</summary>
    public void SpawnReturned()
    {
        _spawnReturned = true;
        lock (_sync)
            if (_spawnReturnedFd >= 0) Libc.EventfdWrite(_spawnReturnedFd, 1);
    }

    /// <summary>The tracer thread hands the gate over (null: there is none, the seize failed). Called once.</summary>
    public void Offer(ExemptCallGate? gate)
    {
        bool thread;
        lock (_sync)
        {
            _offered = true;
            Close(ref _spawnReturnedFd); // its one reader, the tracer, is done with it
            Monitor.PulseAll(_sync);
            if (gate is null) return;
            thread = _wantThread && !_disposed;
            if (!thread && !_disposed)
            {
                _gate = gate;
                return;
            }
        }
        if (thread) gate.StartThread();
        else gate.Dispose();
    }

    /// <summary>
    /// Serves the gate on the calling thread until the tracer has ended, then closes the listener. Returns at
    /// once when a thread serves it already or there is none.
    /// </summary>
    public void ServeHere()
    {
        ExemptCallGate? gate;
        lock (_sync)
        {
            while (!_offered && !_disposed) Monitor.Wait(_sync);
            gate = _gate;
            _gate = null;
            if (gate is not null && _endedFd < 0)
            {
                _wantThread = true;
                gate.StartThread(); // no eventfd to wake us when the tracer ends
                return;
            }
            _serving = gate is not null;
        }
        if (gate is null) return;
        gate.ServeUntil(_endedFd);
        // Every tracee is gone and posix_spawn returned long ago: nothing legitimate can reach the listener.
        gate.Dispose();
        lock (_sync)
        {
            _serving = false;
            Close(ref _endedFd);
        }
    }

    /// <summary>Serves the gate on a background thread, now or as soon as it is offered.</summary>
    public void ServeOnThread()
    {
        ExemptCallGate? gate;
        lock (_sync)
        {
            _wantThread = true;
            gate = _gate;
            _gate = null;
            if (!_serving) Close(ref _endedFd); // ServeHere will not serve now: nobody reads it
        }
        gate?.StartThread();
    }

    /// <summary>The tracer thread's last act: wakes <see cref="ServeHere"/>, and releases it if the gate was
    /// never offered.</summary>
    public void TracerEnded()
    {
        lock (_sync)
        {
            if (_endedFd >= 0) Libc.EventfdWrite(_endedFd, 1);
            _offered = true;
            Close(ref _spawnReturnedFd);
            Monitor.PulseAll(_sync);
        }
    }

    /// <summary>Closes an unserved gate's listener (calls that would reach it fail with ENOSYS).</summary>
    public void Dispose()
    {
        ExemptCallGate? gate;
        lock (_sync)
        {
            if (_disposed) return;
            _disposed = true;
            gate = _gate;
            _gate = null;
            if (!_serving) Close(ref _endedFd);
            Monitor.PulseAll(_sync);
        }
        gate?.Dispose();
    }

    // Each eventfd is closed once nobody can be polling it: the spawn one by the tracer thread when it is done
    // with it, the end one by whoever knows that no ServeHere waits on it (never under a running poll).
    private static void Close(ref int fd)
    {
        if (fd >= 0) Libc.Close(fd);
        fd = -1;
    }
}
