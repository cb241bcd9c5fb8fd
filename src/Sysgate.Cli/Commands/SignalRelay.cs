using System.Runtime.InteropServices;

namespace Sysgate.Cli.Commands;

/// <summary>
/// Passes SIGTERM and SIGHUP aimed at sysgate on to the program it runs, and lets SIGINT/SIGQUIT go by (the
/// terminal sends those to the program too, so the program decides). Signals that arrive before the program
/// exists are held and passed on as soon as it does.
/// </summary>
/// <remarks>
/// Created before the CLI pins its threads to one CPU (see CpuAffinity): the runtime starts its signal thread
/// for the first registration, and that thread should not start up on the CPU the trace runs on.
/// </remarks>
internal sealed class SignalRelay : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;
    private Action<int>? _send;
    private int _pending;

    /// <summary>Registers the handlers; nothing is passed on until <see cref="Attach"/>.</summary>
    public SignalRelay()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => c.Cancel = true),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; Relay(15); }),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; Relay(1); }),
        ];
    }

    /// <summary>From now on signals go to <paramref name="send"/>; one that came earlier goes now.</summary>
    public void Attach(Action<int> send)
    {
        Volatile.Write(ref _send, send);
        int early = Interlocked.Exchange(ref _pending, 0);
        if (early != 0) send(early);
    }

    /// <summary>Unregisters (the default actions apply again). May be called more than once.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }

    private void Relay(int signal)
    {
        if (Volatile.Read(ref _send) is { } send)
        {
            send(signal);
            return;
        }
        Volatile.Write(ref _pending, signal);
        // Attach may have run between the two reads: whichever of us takes the pending signal sends it.
        if (Volatile.Read(ref _send) is { } late && Interlocked.Exchange(ref _pending, 0) is int held && held != 0)
            late(held);
    }
}
