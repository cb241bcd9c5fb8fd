using System.Diagnostics.CodeAnalysis;
using Sysgate.Native;

namespace Sysgate.Interception;

/// <summary>
/// One system call stopped by a backend, before it runs. A value type carried by <c>in</c> reference: building
/// and dispatching it allocates nothing.
/// </summary>
public readonly struct SyscallEvent
{
    private readonly SyscallArgs _args;

    /// <summary>Creates an event (backends do this; tests may too).</summary>
    public SyscallEvent(ulong id, int pid, int tid, Arch arch, int number, ReadOnlySpan<ulong> args,
        ulong instructionPointer, InterceptionBackend backend)
    {
        Id = id;
        Pid = pid;
        Tid = tid;
        Arch = arch;
        Number = number;
        _args = SyscallArgs.From(args);
        InstructionPointer = instructionPointer;
        Backend = backend;
    }

    internal SyscallEvent(ulong id, int pid, int tid, Arch arch, int number, in SyscallArgs args,
        ulong instructionPointer, InterceptionBackend backend)
    {
        Id = id;
        Pid = pid;
        Tid = tid;
        Arch = arch;
        Number = number;
        _args = args;
        InstructionPointer = instructionPointer;
        Backend = backend;
    }

    /// <summary>Backend cookie for this stop (the seccomp notification id; for ptrace a per-stop counter).</summary>
    public ulong Id { get; }

    /// <summary>Process (thread group) id of the caller, in the supervisor's pid namespace; 0 if it could not be resolved (the caller died).</summary>
    public int Pid { get; }

    /// <summary>Thread id of the caller (seccomp_notif.pid is a thread id).</summary>
    public int Tid { get; }

    /// <summary>The calling convention (always the filter's architecture: others are killed in-kernel).</summary>
    public Arch Arch { get; }

    /// <summary>The system call number for <see cref="Arch"/>.</summary>
    public int Number { get; }

    /// <summary>The six raw argument registers.</summary>
    [UnscopedRef]
    public ReadOnlySpan<ulong> Args => _args;

    /// <summary>Argument <paramref name="index"/> (0..5).</summary>
    public ulong Arg(int index) => _args[index];

    /// <summary>User-space instruction pointer of the call.</summary>
    public ulong InstructionPointer { get; }

    /// <summary>Which backend stopped the call.</summary>
    public InterceptionBackend Backend { get; }

    /// <summary>
    /// True for the one synthetic event a supervisor sends before the filter is installed so that the JIT compiles
    /// the handlers' path while no tracee can be stuck on a runtime lock. Handlers should return Continue for it.
    /// </summary>
    public bool IsWarmup => Backend == InterceptionBackend.None;

    /// <inheritdoc/>
    public override string ToString() =>
        $"[{Pid}/{Tid}] {Arch} #{Number}(0x{_args[0]:x}, 0x{_args[1]:x}, 0x{_args[2]:x}, 0x{_args[3]:x}, 0x{_args[4]:x}, 0x{_args[5]:x}) via {Backend}";
}
