using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static partial class Libc
{
    /// <summary>sched_getcpu(3): the CPU the calling thread runs on (vDSO/rseq, no system call), or -1.</summary>
    [LibraryImport(Name, EntryPoint = "sched_getcpu")]
    public static partial int SchedGetcpu();
}
