using System.Runtime.CompilerServices;
using Sysgate.Native.Interop;

namespace Sysgate.Interception.Notify;

/// <summary>
/// Finds the process (thread group) of a trapped thread cheaply: <c>tgkill(g, tid, 0)</c> succeeds only if
/// <c>tid</c> is in group <c>g</c> right now, so a leader costs one syscall and a thread of a recently seen
/// process one or a few; only an unknown process's non-leader thread reads /proc/&lt;tid&gt;/status (which is
/// slow: the kernel computes memory statistics for it).
/// </summary>
/// <remarks>The answer holds at the time of the check; with <see cref="SyscallContext.IsStillValid"/> after it, the
/// caller knows the thread (and so its group) was not replaced meanwhile. Not thread-safe (supervisor thread).</remarks>
internal sealed class ThreadGroupResolver
{
    private readonly int[] _recent = new int[8];
    private int _next;

    /// <summary>A resolver that already knows the thread groups <paramref name="groups"/> (e.g. our own
    /// process; none: nothing remembered yet), so that their non-leader threads resolve with one tgkill instead
    /// of a /proc read.</summary>
    public ThreadGroupResolver(params int[] groups)
    {
        foreach (int group in groups)
            if (group > 0) Remember(group);
    }

    /// <summary>The tgid of <paramref name="tid"/>, or 0 if it is gone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Resolve(int tid)
    {
        if (tid <= 0)
            return 0;
        if (Libc.Tgkill(tid, tid, 0) == 0)
        {
            Remember(tid);
            return tid; // a thread-group leader: the common single-threaded case
        }
        foreach (int group in _recent)
        {
            if (group > 0 && group != tid && Libc.Tgkill(group, tid, 0) == 0)
                return group;
        }
        int tgid = ProcStatus.ReadTgid(tid);
        if (tgid > 0)
            Remember(tgid);
        return tgid;
    }

    private void Remember(int tgid)
    {
        if (Array.IndexOf(_recent, tgid) >= 0)
            return;
        _recent[_next] = tgid;
        _next = (_next + 1) % _recent.Length;
    }
}
