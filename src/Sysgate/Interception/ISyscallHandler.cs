namespace Sysgate.Interception;

/// <summary>
/// Decides what happens to a stopped system call. Called on the supervisor thread for every trapped call:
/// must not allocate on its common path, must not take locks a tracee-side thread of this process could hold,
/// and must follow the TOCTOU rule (copy tracee memory, vet the copy, act on the copy, check
/// <see cref="SyscallContext.IsStillValid"/> before acting).
/// </summary>
public interface ISyscallHandler
{
    /// <summary>Returns the decision for <paramref name="ev"/>; <paramref name="context"/> reads the caller's memory.</summary>
    SyscallDecision Handle(in SyscallEvent ev, SyscallContext context);
}

/// <summary>A handler as a delegate (the event is passed by reference).</summary>
public delegate SyscallDecision SyscallHandlerFunc(in SyscallEvent ev, SyscallContext context);

/// <summary>Adapts a <see cref="SyscallHandlerFunc"/> to <see cref="ISyscallHandler"/>.</summary>
public sealed class DelegateSyscallHandler(SyscallHandlerFunc handler) : ISyscallHandler
{
    /// <inheritdoc/>
    public SyscallDecision Handle(in SyscallEvent ev, SyscallContext context) => handler(in ev, context);
}
