namespace Sysgate.Tracing;

/// <summary>strace's -t / -tt / -ttt line prefixes.</summary>
public enum TimestampMode
{
    /// <summary>No timestamp.</summary>
    None,
    /// <summary>-t: wall clock, seconds (<c>04:05:09</c>).</summary>
    Seconds,
    /// <summary>-tt: wall clock with microseconds (<c>04:05:09.168349</c>).</summary>
    Microseconds,
    /// <summary>-ttt: seconds since the epoch with microseconds (<c>1764043509.168349</c>).</summary>
    Epoch,
}
