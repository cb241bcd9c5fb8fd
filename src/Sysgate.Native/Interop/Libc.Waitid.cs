using System.Runtime.InteropServices;

namespace Sysgate.Native.Interop;

public static unsafe partial class Libc
{
    /// <summary>waitid(2); with <see cref="WaitConst.P_PIDFD"/> the id is a pidfd. <paramref name="info"/> is a <see cref="SigInfo"/>.</summary>
    [LibraryImport(Name, EntryPoint = "waitid", SetLastError = true)]
    public static partial int Waitid(int idType, uint id, SigInfo* info, int options);
}
