namespace Sysgate.Interception;

/// <summary>
/// Stacks handlers: each sees the call only if every earlier one let it through (returned Continue); the first
/// other decision wins. An empty chain continues everything.
/// </summary>
public sealed class HandlerChain : ISyscallHandler
{
    private readonly ISyscallHandler[] _handlers;

    /// <summary>Creates the chain in call order.</summary>
    public HandlerChain(params ISyscallHandler[] handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        foreach (var h in handlers)
            ArgumentNullException.ThrowIfNull(h, nameof(handlers));
        _handlers = (ISyscallHandler[])handlers.Clone();
    }

    /// <summary>The handlers in call order.</summary>
    public IReadOnlyList<ISyscallHandler> Handlers => _handlers;

    /// <inheritdoc/>
    public SyscallDecision Handle(in SyscallEvent ev, SyscallContext context)
    {
        foreach (var handler in _handlers)
        {
            var decision = handler.Handle(in ev, context);
            if (decision.Kind != SyscallDecisionKind.Continue)
                return decision;
        }
        return SyscallDecision.Continue;
    }
}
