namespace Sysgate.Tracing;

/// <summary>strace's <c>-e status=</c> classes of a finished call.</summary>
[Flags]
public enum CallStatus
{
    /// <summary>No class.</summary>
    None = 0,
    /// <summary>Returned without an error.</summary>
    Successful = 1,
    /// <summary>Returned an error.</summary>
    Failed = 2,
    /// <summary>Never returned (exit_group, a tracee killed inside a call).</summary>
    Unfinished = 4,
    /// <summary>Every class (the default).</summary>
    All = Successful | Failed | Unfinished,
}
