using System.Runtime.InteropServices;

namespace Sysgate.Cli.Commands;

/// <summary>
/// Passes SIGTERM and SIGHUP aimed at sysgate on to the program it runs, and lets SIGINT/SIGQUIT go by (the
/// terminal sends those to the program too, so the program decides). Before the program exists, SIGTERM and
/// SIGHUP keep their default action: sysgate ends, and a child it was starting goes with it (PTRACE_O_EXITKILL).
/// </summary>
/// <remarks>
/// Created before the CLI pins its threads to one CPU (see CpuAffinity): the runtime starts its signal thread
/// for the first registration, and that thread should not start up on the CPU the trace runs on.
/// </remarks>
internal sealed class SignalRelay : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;
    private Action<int>? _send;

    /// <summary>Registers the handlers; nothing is passed on until <see cref="Attach"/>.</summary>
    public SignalRelay()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => c.Cancel = true),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => c.Cancel = TryRelay(15)),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => c.Cancel = TryRelay(1)),
        ];
    }

    /// <summary>From now on SIGTERM and SIGHUP go to <paramref name="send"/>.</summary>
    public void Attach(Action<int> send) => Volatile.Write(ref _send, send);

    /// <summary>Unregisters (the default actions apply again). May be called more than once.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }

    // False (not handled: the default action ends sysgate) while there is no program to pass it to.
    private bool TryRelay(int signal)
    {
        if (Volatile.Read(ref _send) is not { } send) return false;
        send(signal);
        return true;
    }
}
