using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Sysgate.Native;
using Sysgate.Threading;

namespace Sysgate.Spawn;

/// <summary>
/// Runs <c>setup.Apply(); posix_spawn(...)</c> on a dedicated OS thread, so per-thread state (no_new_privs,
/// a thread-scoped seccomp filter, Landlock) reaches only the child, never the rest of this process.
/// </summary>
internal static unsafe class SpawnThread
{
    private sealed class Call
    {
        // Copied from the request so the body reads plain fields of one object.
        public nint PidSlot, Path, Actions, Attr, Argv, Envp;
        public ISpawnThreadSetup Setup = null!;
        public int Rc = -1, WarmUp;
        public Exception? ApplyError;
    }

    /// <summary>Spawns on a new thread after <paramref name="setup"/>; returns posix_spawn's result (0 or an error number).</summary>
    public static int Run(NativeSpawnRequest request, ISpawnThreadSetup setup)
    {
        var call = new Call
        {
            PidSlot = request.PidSlot, Path = request.Path, Actions = request.Actions, Attr = request.Attr,
            Argv = request.Argv, Envp = request.Envp, Setup = setup,
        };
        nint thread = NativeThread.Start("sysgate spawn", () => Body(call));
        NativeThread.Join(thread);
        if (call.ApplyError is { } e) ExceptionDispatchInfo.Capture(e).Throw();
        return call.Rc;
    }

    // Compiled fully before it starts (no tiering patchpoints: no loops). After Apply returns, the only
    // work is a calli through an unmanaged function pointer (inlined transition when optimized; otherwise
    // its marshalling stub was created by the identical-signature getpid call made before Apply) and two
    // field stores. The calli must stay outside the try region: the JIT does not inline P/Invoke
    // transitions inside try blocks on 64-bit.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Body(Call call)
    {
        var spawn = LibcExports.PosixSpawn;
        var sameSignature = LibcExports.Getpid;
        call.WarmUp = sameSignature(0, 0, 0, 0, 0, 0);
        nint pid = call.PidSlot, path = call.Path, actions = call.Actions, attr = call.Attr, argv = call.Argv, envp = call.Envp;
        if (!Apply(call)) return;
        call.Rc = spawn(pid, path, actions, attr, argv, envp);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Apply(Call call)
    {
        try
        {
            call.Setup.Apply();
            return true;
        }
        catch (Exception e)
        {
            call.ApplyError = e;
            return false;
        }
    }
}
