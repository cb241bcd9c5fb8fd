using System.Diagnostics.CodeAnalysis;

namespace Sysgate.Interception;

/// <summary>What a handler wants done with a stopped call.</summary>
public enum SyscallDecisionKind
{
    /// <summary>Let the kernel run the call as issued.</summary>
    Continue,
    /// <summary>Skip the call; it fails with an errno.</summary>
    Fail,
    /// <summary>Skip the call; it "succeeds" with a chosen return value.</summary>
    Return,
    /// <summary>Skip the call; a supervisor fd is installed in the caller and its number is the return value.</summary>
    InjectFd,
    /// <summary>Run the call with changed argument registers (ptrace only).</summary>
    Alter,
    /// <summary>Run the call and stop again at its exit so the handler sees the result (ptrace only).</summary>
    Step,
}

/// <summary>
/// A handler's answer. Construct with the static factories; a value type, so answering allocates nothing.
/// </summary>
/// <remarks>
/// The seccomp-notify backend supports Continue, Fail, Return and InjectFd. It cannot change registers nor see a
/// result, so it answers Alter and Step by failing the call with ENOSYS (fail closed, never silently run the
/// unaltered call) and counts them in <c>NotifySupervisor.UnsupportedDecisions</c>; use the ptrace backend for them.
/// </remarks>
public readonly struct SyscallDecision : IEquatable<SyscallDecision>
{
    private readonly SyscallArgs _args;

    private SyscallDecision(SyscallDecisionKind kind, long value = 0, int fd = -1, int targetFd = -1,
        bool closeOnExec = false, in SyscallArgs args = default, bool closeFdAfter = false)
    {
        CloseFdAfter = closeFdAfter;
        Kind = kind;
        Value = value;
        Fd = fd;
        TargetFd = targetFd;
        CloseOnExec = closeOnExec;
        _args = args;
    }

    /// <summary>The kind of decision.</summary>
    public SyscallDecisionKind Kind { get; }

    /// <summary>Fail: the positive errno; Return: the return value.</summary>
    public long Value { get; }

    /// <summary>InjectFd: the supervisor's fd to install (the supervisor keeps its own copy and closes it itself).</summary>
    public int Fd { get; }

    /// <summary>InjectFd: the fd number to install at in the caller, or -1 for the lowest free one.</summary>
    public int TargetFd { get; }

    /// <summary>InjectFd: set O_CLOEXEC on the installed fd.</summary>
    public bool CloseOnExec { get; }

    /// <summary>InjectFd: the supervisor closes <see cref="Fd"/> once it is installed (or the call failed); see
    /// <see cref="InjectOwnedFd"/>.</summary>
    public bool CloseFdAfter { get; }

    /// <summary>Alter: the replacement argument registers.</summary>
    [UnscopedRef]
    public ReadOnlySpan<ulong> Args => _args;

    /// <summary>Let the call run unchanged.</summary>
    public static SyscallDecision Continue => default;

    /// <summary>Skip the call, failing it with <paramref name="errno"/> (1..4095).</summary>
    public static SyscallDecision Fail(int errno) => errno is > 0 and <= 4095
        ? new(SyscallDecisionKind.Fail, errno)
        : throw new ArgumentOutOfRangeException(nameof(errno), errno, "errno must be 1..4095.");

    /// <summary>Skip the call, pretending it returned <paramref name="value"/> (must not look like -errno).</summary>
    public static SyscallDecision Return(long value) => value is >= -4095 and < 0
        ? throw new ArgumentOutOfRangeException(nameof(value), value, "A negative value in -4095..-1 is an errno: use Fail.")
        : new(SyscallDecisionKind.Return, value);

    /// <summary>
    /// Skip the call and install a copy of the supervisor's <paramref name="fd"/> in the caller; the call returns
    /// the new fd number (<paramref name="targetFd"/> if given, else the lowest free).
    /// </summary>
    public static SyscallDecision InjectFd(int fd, int targetFd = -1, bool closeOnExec = false) => fd < 0
        ? throw new ArgumentOutOfRangeException(nameof(fd), fd, "Not a file descriptor.")
        : new(SyscallDecisionKind.InjectFd, 0, fd, targetFd, closeOnExec);

    /// <summary>
    /// Like <see cref="InjectFd"/>, but hands <paramref name="fd"/> over: the supervisor closes it after the
    /// injection, so a handler that opened a file for the caller (vetting on its own copy) leaks nothing.
    /// </summary>
    public static SyscallDecision InjectOwnedFd(int fd, bool closeOnExec = false) => fd < 0
        ? throw new ArgumentOutOfRangeException(nameof(fd), fd, "Not a file descriptor.")
        : new(SyscallDecisionKind.InjectFd, 0, fd, -1, closeOnExec, closeFdAfter: true);

    /// <summary>Run the call with <paramref name="args"/> instead (ptrace backend only).</summary>
    public static SyscallDecision Alter(ReadOnlySpan<ulong> args) =>
        new(SyscallDecisionKind.Alter, args: SyscallArgs.From(args));

    /// <summary>Run the call and report its result at exit (ptrace backend only).</summary>
    public static SyscallDecision Step => new(SyscallDecisionKind.Step);

    /// <inheritdoc/>
    public bool Equals(SyscallDecision other) => Kind == other.Kind && Value == other.Value && Fd == other.Fd
        && TargetFd == other.TargetFd && CloseOnExec == other.CloseOnExec && Args.SequenceEqual(other.Args);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SyscallDecision other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Value, Fd, TargetFd);

    /// <summary>Value equality.</summary>
    public static bool operator ==(SyscallDecision left, SyscallDecision right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(SyscallDecision left, SyscallDecision right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        SyscallDecisionKind.Fail => $"Fail({Value})",
        SyscallDecisionKind.Return => $"Return({Value})",
        SyscallDecisionKind.InjectFd => $"InjectFd({Fd} -> {(TargetFd < 0 ? "any" : TargetFd)}{(CloseOnExec ? ", cloexec" : "")})",
        _ => Kind.ToString(),
    };
}
