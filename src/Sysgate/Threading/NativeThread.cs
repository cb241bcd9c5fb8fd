using System.Runtime.InteropServices;
using System.Text;
using Sysgate.Native;
using Sysgate.Native.Interop;

namespace Sysgate.Threading;

/// <summary>
/// Starts a dedicated OS thread with pthread_create and enters managed code on it through an
/// <see cref="UnmanagedCallersOnlyAttribute"/> entry point (the runtime attaches the thread there).
/// </summary>
/// <remarks>
/// Why not <see cref="Thread.Start()"/>: it does not return until the new thread has been scheduled and reported
/// itself started. On an idle 2-vCPU VM that handshake means waking the other vCPU and waiting for it, 0.1 to 0.3 ms
/// per thread, and <c>sysgate trace</c> starts two (tracer, spawn) on its critical path; with
/// pthread_create the caller goes on after the clone. The body must catch its own exceptions: one escaping
/// ends the process, as an unhandled exception on any thread does.
/// </remarks>
internal static unsafe class NativeThread
{
    private const int PR_SET_NAME = 15;

    private sealed class StartInfo(string name, Action body)
    {
        public readonly byte[] Name = Encoding.UTF8.GetBytes((name.Length > 15 ? name[..15] : name) + "\0");
        public readonly Action Body = body;
    }

    /// <summary>Runs <paramref name="body"/> on a new detached thread called <paramref name="name"/> (15 bytes shown),
    /// starting on the CPUs in <paramref name="affinity"/> (empty: the caller's).</summary>
    public static void StartDetached(string name, Action body, ReadOnlySpan<ulong> affinity = default)
    {
        nint thread = Start(name, body, affinity);
        Libc.PthreadDetach(thread);
    }

    /// <summary>Runs <paramref name="body"/> on a new joinable thread, starting on the CPUs in
    /// <paramref name="affinity"/> (empty: the caller's); the caller must <see cref="Join"/> it.</summary>
    public static nint Start(string name, Action body, ReadOnlySpan<ulong> affinity = default)
    {
        byte* attr = stackalloc byte[Libc.PthreadAttrSize];
        bool withAttr = !affinity.IsEmpty && Libc.PthreadAttrInit(attr) == 0;
        try
        {
            if (withAttr)
            {
                fixed (ulong* mask = affinity)
                    Libc.PthreadAttrSetaffinityNp(attr, (nuint)(affinity.Length * sizeof(ulong)), mask); // best effort
            }
            var handle = GCHandle.Alloc(new StartInfo(name, body));
            nint thread;
            int rc = Libc.PthreadCreate(&thread, withAttr ? attr : null, &Entry, GCHandle.ToIntPtr(handle));
            if (rc != 0)
            {
                handle.Free();
                throw new ErrnoException($"pthread_create for the {name} thread", rc);
            }
            return thread;
        }
        finally
        {
            if (withAttr) Libc.PthreadAttrDestroy(attr);
        }
    }

    /// <summary>Waits for a thread from <see cref="Start"/> to end.</summary>
    public static void Join(nint thread) => Libc.PthreadJoin(thread, null);

    /// <summary>Lets a thread from <see cref="Start"/> end without being joined.</summary>
    public static void Detach(nint thread) => Libc.PthreadDetach(thread);

    [UnmanagedCallersOnly]
    private static nint Entry(nint arg)
    {
        var handle = GCHandle.FromIntPtr(arg);
        var info = (StartInfo)handle.Target!;
        handle.Free();
        fixed (byte* name = info.Name)
            Libc.Prctl(PR_SET_NAME, (ulong)name, 0, 0, 0);
        try
        {
            info.Body();
        }
        catch (Exception e)
        {
            Environment.FailFast($"Unhandled exception on a sysgate thread: {e}", e);
        }
        return 0;
    }
}
