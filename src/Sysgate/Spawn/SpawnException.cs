namespace Sysgate.Spawn;

/// <summary>Why a spawn was refused or failed.</summary>
public enum SpawnError
{
    /// <summary>The fd map is invalid (e.g. a designated parent fd is not open).</summary>
    BadFd,
    /// <summary>The program was not found.</summary>
    ProgramNotFound,
    /// <summary>The program exists but is not executable (or is a directory).</summary>
    ProgramNotExecutable,
    /// <summary>A path designated for a child fd could not be opened.</summary>
    OpenFailed,
    /// <summary><see cref="FdMode.Strict"/> found undesignated fds without FD_CLOEXEC.</summary>
    LeakyFds,
    /// <summary>posix_spawn (or the exec in the child) failed.</summary>
    SpawnFailed,
}

/// <summary>A spawn was refused before anything ran, or posix_spawn failed. The message says what and why.</summary>
public sealed class SpawnException : Exception
{
    /// <summary>The category of failure.</summary>
    public SpawnError Reason { get; }

    /// <summary>The errno involved, or 0.</summary>
    public int Errno { get; }

    /// <summary>Creates the exception.</summary>
    public SpawnException(SpawnError reason, string message, int errno = 0) : base(message)
    {
        Reason = reason;
        Errno = errno;
    }
}
