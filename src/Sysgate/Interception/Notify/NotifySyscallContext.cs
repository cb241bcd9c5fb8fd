namespace Sysgate.Interception.Notify;

/// <summary>The <see cref="SyscallContext"/> of the seccomp-notify backend (one per supervisor, reused).</summary>
internal sealed class NotifySyscallContext(SeccompListener listener) : SyscallContext
{
    private ulong _id;
    private bool _warmup;

    public override InterceptionBackend Backend => InterceptionBackend.SeccompNotify;

    internal void Set(ulong id, int tid, bool warmup = false)
    {
        _id = id;
        Tid = tid;
        _warmup = warmup;
    }

    public override bool IsStillValid() => !_warmup && listener.IsValid(_id);

    public override bool Supports(SyscallDecisionKind kind) => NotifySupervisor.IsSupported(kind);
}
