using Sysgate.Native;

namespace Sysgate.Interception.Ptrace;

/// <summary>A syscall stopped by the ptrace backend, as the client sees it at entry and at exit.</summary>
public struct PtraceCall
{
    /// <summary>The thread that made the call (strace's "[pid N]").</summary>
    public int Tid;
    /// <summary>Architecture of the call.</summary>
    public Arch Arch;
    /// <summary>Syscall number.</summary>
    public int Number;
    /// <summary>Arguments as passed at entry.</summary>
    public Sysgate.Native.Ptrace.Args6 Args;
    /// <summary>Instruction pointer at entry.</summary>
    public ulong InstructionPointer;
    /// <summary>The result, valid at exit.</summary>
    public long Result;
    /// <summary>True when the result was injected by the client (the call did not run).</summary>
    public bool Injected;
}

/// <summary>What the ptrace client wants done with a call at its entry.</summary>
public enum PtraceVerdict
{
    /// <summary>Run it; no exit stop (cheapest).</summary>
    Continue,
    /// <summary>Run it and stop again at exit so the client sees (and may replace) the result.</summary>
    Step,
    /// <summary>Do not run it; the tracee sees <see cref="PtraceCall.Result"/> as set by the client
    /// (a negative errno to fail, or a value).</summary>
    Skip,
}

/// <summary>The client of a <see cref="PtraceTracer"/>: called on the tracer thread only.</summary>
public interface IPtraceClient
{
    /// <summary>At a seccomp stop (syscall entry). For <see cref="PtraceVerdict.Skip"/> set
    /// <c>call.Result</c> first. May rewrite <c>call.Args</c>/<c>call.Number</c> (altered call).</summary>
    PtraceVerdict OnEntry(ref PtraceCall call, out bool altered);

    /// <summary>At syscall exit (after <see cref="PtraceVerdict.Step"/>), or right after a skip with
    /// the injected result. Return the result the tracee shall see.</summary>
    long OnExit(ref PtraceCall call);

    /// <summary>A signal is about to be delivered to <paramref name="tid"/>.</summary>
    void OnSignal(int tid, int signal);

    /// <summary><paramref name="tid"/> completed an execve (its tid may have changed from
    /// <paramref name="formerTid"/> when a non-leader thread exec'd).</summary>
    void OnExec(int tid, int formerTid);

    /// <summary>A tracee exited or was killed.</summary>
    void OnExit(int tid, Sysgate.Native.Ptrace.WaitStatus status);

    /// <summary>No tracee event is pending: the tracer is about to block in waitpid (a good moment to
    /// flush buffered output).</summary>
    void OnIdle() { }

    /// <summary><paramref name="parentTid"/> created <paramref name="childTid"/> (fork, vfork or clone), which is
    /// traced from now on. The child's own first events may have come already.</summary>
    void OnNewTracee(int parentTid, int childTid) { }
}
