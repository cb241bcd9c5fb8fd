using System.Collections;
using System.Runtime.InteropServices;
using System.Text;
using Sysgate.Native;
using Sysgate.Native.Interop;

namespace Sysgate.Spawn;

/// <summary>
/// Every native argument of one posix_spawn call, built on the calling thread: path, argv, envp, file
/// actions and attributes, plus the pid slot. After construction nothing needs allocating, so the call
/// itself can run on a thread that may no longer allocate (see <see cref="ISpawnThreadSetup"/>).
/// </summary>
internal sealed unsafe class NativeSpawnRequest : IDisposable
{
    // Read by the spawn thread: plain fields, no properties, nothing that could need JIT.
    public nint PidSlot, Path, Actions, Attr, Argv, Envp;
    private nint _strings;
    private bool _actionsInit, _attrInit;

    public NativeSpawnRequest(string path, SpawnSpec spec, FdPlan plan)
    {
        try
        {
            _strings = BuildStrings(path, spec, out Path, out Argv, out Envp);
            PidSlot = (nint)NativeMemory.AllocZeroed(sizeof(int));
            BuildFileActions(spec, plan);
            BuildAttributes(spec);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Calls posix_spawn on the current thread; returns 0 or an error number.</summary>
    public int SpawnHere() => LibcExports.PosixSpawn(PidSlot, Path, Actions, Attr, Argv, Envp);

    /// <summary>The pid posix_spawn wrote.</summary>
    public int Pid => *(int*)PidSlot;

    private void BuildFileActions(SpawnSpec spec, FdPlan plan)
    {
        Actions = (nint)NativeMemory.AllocZeroed(PosixSpawnFlags.FileActionsSize);
        Check(Libc.PosixSpawnFileActionsInit((void*)Actions), "posix_spawn_file_actions_init");
        _actionsInit = true;
        void* fa = (void*)Actions;
        // Temps sit above every target, so no dup2 can clobber a source still to be copied.
        foreach (var (child, temp) in plan.Dups)
            Check(Libc.PosixSpawnFileActionsAddDup2(fa, temp, child), $"adddup2({temp}, {child})");
        if (spec.Mode != FdMode.InheritAll)
        {
            // Holes below the highest target: bounded by the map, never by the size of the fd table.
            int next = 0;
            foreach (var (child, _) in plan.Dups)
            {
                for (; next < child; next++) Check(Libc.PosixSpawnFileActionsAddClose(fa, next), $"addclose({next})");
                next = child + 1;
            }
            // Everything above: one close_range in the child (glibc falls back to /proc/self/fd if refused).
            Check(Libc.PosixSpawnFileActionsAddClosefromNp(fa, plan.MaxChild + 1), $"addclosefrom_np({plan.MaxChild + 1})");
        }
        if (spec.WorkingDirectory is { } wd)
        {
            byte* c = CString(wd, out nint block);
            try { Check(Libc.PosixSpawnFileActionsAddChdirNp(fa, c), $"addchdir_np({wd})"); }
            finally { NativeMemory.Free((void*)block); }  // glibc copies the path
        }
    }

    private void BuildAttributes(SpawnSpec spec)
    {
        Attr = (nint)NativeMemory.AllocZeroed(PosixSpawnFlags.AttrSize);
        Check(Libc.PosixSpawnattrInit((void*)Attr), "posix_spawnattr_init");
        _attrInit = true;
        byte* set = stackalloc byte[PosixSpawnFlags.SigsetSize];
        // .NET blocks and ignores signals for its own use (SIGPIPE is ignored); both survive execve.
        Libc.Sigemptyset(set);
        Check(Libc.PosixSpawnattrSetsigmask((void*)Attr, set), "posix_spawnattr_setsigmask");
        // Every signal 1..64 back to SIG_DFL. Raw bits, not sigfillset: glibc's sigfillset leaves out its
        // internal signals 32/33, which posix_spawn then sets to SIG_IGN, and ignored survives execve.
        new Span<byte>(set, PosixSpawnFlags.SigsetSize).Clear();
        *(ulong*)set = ulong.MaxValue;
        Check(Libc.PosixSpawnattrSetsigdefault((void*)Attr, set), "posix_spawnattr_setsigdefault");
        short flags = PosixSpawnFlags.SETSIGMASK | PosixSpawnFlags.SETSIGDEF;
        if (spec.NewProcessGroup)
        {
            flags |= PosixSpawnFlags.SETPGROUP;
            Check(Libc.PosixSpawnattrSetpgroup((void*)Attr, 0), "posix_spawnattr_setpgroup");
        }
        Check(Libc.PosixSpawnattrSetflags((void*)Attr, flags), "posix_spawnattr_setflags");
    }

    /// <summary>One native block: [argv pointers][envp pointers][all strings, NUL-terminated].</summary>
    private static nint BuildStrings(string path, SpawnSpec spec, out nint pathPtr, out nint argv, out nint envp)
    {
        var args = new List<string>(spec.Arguments.Count + 1) { spec.Argv0 ?? spec.Program };
        args.AddRange(spec.Arguments);
        var env = new List<string>();
        bool raw = spec.Environment is null && spec.RawEnvironment; // environ as it is: nothing to copy
        if (spec.Environment is { } e)
            foreach (var kv in e) env.Add(kv.Key + "=" + kv.Value);
        else if (!raw)
            foreach (DictionaryEntry kv in Environment.GetEnvironmentVariables()) env.Add($"{kv.Key}={kv.Value}");

        long bytes = (args.Count + 1 + env.Count + 1) * (long)sizeof(nint) + Encoding.UTF8.GetByteCount(path) + 1;
        foreach (string s in args) bytes += Utf8Z(s);
        foreach (string s in env) bytes += Utf8Z(s);
        byte* block = (byte*)NativeMemory.Alloc((nuint)bytes);
        nint* ptrs = (nint*)block;
        byte* text = block + (args.Count + 1 + env.Count + 1) * sizeof(nint);
        byte* end = block + bytes;
        pathPtr = (nint)Put(path, ref text, end);
        argv = (nint)ptrs;
        foreach (string s in args) *ptrs++ = (nint)Put(s, ref text, end);
        *ptrs++ = 0;
        envp = raw ? LibcExports.Environ : (nint)ptrs;
        foreach (string s in env) *ptrs++ = (nint)Put(s, ref text, end);
        *ptrs = 0;
        return (nint)block;
    }

    private static long Utf8Z(string s)
    {
        if (s.Contains('\0')) throw new ArgumentException($"argument or environment entry contains a NUL character: \"{s.Replace("\0", "\\0")}\"");
        return Encoding.UTF8.GetByteCount(s) + 1;
    }

    private static byte* Put(string s, ref byte* text, byte* end)
    {
        byte* start = text;
        int n = Encoding.UTF8.GetBytes(s, new Span<byte>(text, (int)(end - text)));
        text[n] = 0;
        text += n + 1;
        return start;
    }

    private static byte* CString(string s, out nint block)
    {
        long n = Utf8Z(s);
        byte* p = (byte*)NativeMemory.Alloc((nuint)n);
        byte* cursor = p;
        Put(s, ref cursor, p + n);
        block = (nint)p;
        return p;
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0) throw new ErrnoException(what, rc);
    }

    public void Dispose()
    {
        if (_actionsInit) Libc.PosixSpawnFileActionsDestroy((void*)Actions);
        if (_attrInit) Libc.PosixSpawnattrDestroy((void*)Attr);
        _actionsInit = _attrInit = false;
        NativeMemory.Free((void*)Actions);
        NativeMemory.Free((void*)Attr);
        NativeMemory.Free((void*)PidSlot);
        NativeMemory.Free((void*)_strings);
        Actions = Attr = PidSlot = _strings = 0;
    }
}
