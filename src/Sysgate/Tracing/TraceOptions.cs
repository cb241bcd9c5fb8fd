using Sysgate.Native;

namespace Sysgate.Tracing;

/// <summary>Everything <c>sysgate trace</c> was asked for, strace's flags by name.</summary>
public sealed class TraceOptions
{
    /// <summary>-f: print the lines of every process and thread, not only the first one.</summary>
    public bool FollowForks { get; init; }

    /// <summary>-ff: with <see cref="OutputPath"/>, one file per process: PATH.PID.</summary>
    public bool PerProcessFiles { get; init; }

    /// <summary>-o: where lines go (default: standard error).</summary>
    public string? OutputPath { get; init; }

    /// <summary>-s: strings longer than this are cut.</summary>
    public int StringLimit { get; init; } = 32;

    /// <summary>-y: fds print with their paths, <c>3&lt;/etc/hostname&gt;</c>.</summary>
    public bool FdPaths { get; init; }

    /// <summary>-T: each line ends with the time spent in the call, <c>&lt;0.000012&gt;</c>.</summary>
    public bool SyscallTimes { get; init; }

    /// <summary>-t/-tt/-ttt.</summary>
    public TimestampMode Timestamps { get; init; }

    /// <summary>-c: count calls, errors and time; print only the table at the end.</summary>
    public bool Summary { get; init; }

    /// <summary>--json: one JSON object per line and event instead of strace lines.</summary>
    public bool Json { get; init; }

    /// <summary>-e trace= and -e status=.</summary>
    public TraceFilter Filter { get; init; } = TraceFilter.All(HostArch.Current);

    /// <summary>-e inject= rules, first match wins.</summary>
    public IReadOnlyList<InjectRule> Injections { get; init; } = [];
}
